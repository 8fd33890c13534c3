// Entry point of the browser client. On a report's page it connects to the report first
// (report-connection.ts › startEarlyConnection), so the report's state arrives and is decoded
// while the rest of the application loads; then it loads the application, which defines the
// custom elements (index.html holds <cotejo-app>). The application's chunk is fetched from the
// start, in parallel with this one (`<link rel="modulepreload">`, client/vite.config.ts).
import { startEarlyConnection } from './report/report-connection.ts'

startEarlyConnection(location.pathname)
import('./app/cotejo-app.ts').catch((error: unknown) => console.error('The application could not be loaded', error))
