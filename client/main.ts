// Entry point of the browser client: defines the custom elements; index.html holds <cotejo-app>.
import './app/cotejo-app.ts'
