import type { Actor } from './report.ts'

/**
 * The organs, agencies and entities that report under the Inter-American Program, with their
 * names and acronyms in both languages. Imported reports start from this registry.
 */
export const knownActors: readonly Actor[] = [
  {
    id: 'iachr',
    name: { es: 'Comisión Interamericana de Derechos Humanos', en: 'Inter-American Commission on Human Rights' },
    acronym: { es: 'CIDH', en: 'IACHR' },
  },
  {
    id: 'mide',
    name: { es: 'Programa de Migración y Desarrollo', en: 'Migration and Development Program' },
    acronym: { es: 'MiDE', en: 'MiDE' },
  },
  {
    id: 'rial',
    name: { es: 'Red Interamericana de Administración Laboral', en: 'Inter-American Network for Labor Administration' },
    acronym: { es: 'RIAL', en: 'RIAL' },
  },
  {
    id: 'education',
    name: { es: 'Oficina de Educación y Cultura', en: 'Office of Education and Culture' },
    acronym: { es: 'Educación', en: 'Education' },
  },
  {
    id: 'dps',
    name: { es: 'Departamento de Seguridad Pública', en: 'Department of Public Security' },
    acronym: { es: 'DSP', en: 'DPS' },
  },
  {
    id: 'summits',
    name: { es: 'Secretaría de Cumbres', en: 'Summits Secretariat' },
    acronym: { es: 'Cumbres', en: 'Summits' },
  },
  {
    id: 'can',
    name: { es: 'Comunidad Andina', en: 'Andean Community' },
    acronym: { es: 'CAN', en: 'CAN' },
  },
  {
    id: 'csm',
    name: { es: 'Conferencia Sudamericana de Migraciones', en: 'South American Conference on Migration' },
    acronym: { es: 'CSM', en: 'CSM' },
  },
  {
    id: 'unhcr',
    name: {
      es: 'Alto Comisionado de las Naciones Unidas para los Refugiados',
      en: 'United Nations High Commissioner for Refugees',
    },
    acronym: { es: 'ACNUR', en: 'UNHCR' },
  },
  {
    id: 'ilo',
    name: { es: 'Organización Internacional del Trabajo', en: 'International Labour Organization' },
    acronym: { es: 'OIT', en: 'ILO' },
  },
  {
    id: 'iom',
    name: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration' },
    acronym: { es: 'OIM', en: 'IOM' },
  },
  {
    id: 'iihr',
    name: { es: 'Instituto Interamericano de Derechos Humanos', en: 'Inter-American Institute of Human Rights' },
    acronym: { es: 'IIDH', en: 'IIHR' },
  },
]

/** The known actor with that id, or undefined. */
export function knownActor(id: string): Actor | undefined {
  return knownActors.find((actor) => actor.id === id)
}
