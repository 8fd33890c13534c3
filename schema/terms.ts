import type { Bilingual } from './languages.ts'

/** A term and its counterpart in the other language, with what it stands for. */
export interface Term extends Bilingual {
  /** What the term stands for, in both languages. */
  readonly meaning: Bilingual
}

/**
 * The bilingual term list: acronyms and their counterparts. Import uses it to match sections
 * written separately; QA uses it to find an acronym left untranslated.
 */
export const terms: readonly Term[] = [
  {
    es: 'CIDH',
    en: 'IACHR',
    meaning: { es: 'Comisión Interamericana de Derechos Humanos', en: 'Inter-American Commission on Human Rights' },
  },
  {
    es: 'OEA',
    en: 'OAS',
    meaning: { es: 'Organización de los Estados Americanos', en: 'Organization of American States' },
  },
  { es: 'SG/OEA', en: 'GS/OAS', meaning: { es: 'Secretaría General de la OEA', en: 'General Secretariat of the OAS' } },
  {
    es: 'OIM',
    en: 'IOM',
    meaning: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration' },
  },
  {
    es: 'OIT',
    en: 'ILO',
    meaning: { es: 'Organización Internacional del Trabajo', en: 'International Labour Organization' },
  },
  {
    es: 'ACNUR',
    en: 'UNHCR',
    meaning: {
      es: 'Alto Comisionado de las Naciones Unidas para los Refugiados',
      en: 'United Nations High Commissioner for Refugees',
    },
  },
  {
    es: 'IIDH',
    en: 'IIHR',
    meaning: { es: 'Instituto Interamericano de Derechos Humanos', en: 'Inter-American Institute of Human Rights' },
  },
  { es: 'CAN', en: 'CAN', meaning: { es: 'Comunidad Andina', en: 'Andean Community' } },
  {
    es: 'CSM',
    en: 'CSM',
    meaning: { es: 'Conferencia Sudamericana de Migraciones', en: 'South American Conference on Migration' },
  },
  {
    es: 'CRM',
    en: 'RCM',
    meaning: { es: 'Conferencia Regional sobre Migración', en: 'Regional Conference on Migration' },
  },
  {
    es: 'SEDI',
    en: 'SEDI',
    meaning: {
      es: 'Secretaría Ejecutiva para el Desarrollo Integral',
      en: 'Executive Secretariat for Integral Development',
    },
  },
  { es: 'DPS', en: 'DPS', meaning: { es: 'Departamento de Seguridad Pública', en: 'Department of Public Security' } },
  { es: 'DSP', en: 'DPS', meaning: { es: 'Departamento de Seguridad Pública', en: 'Department of Public Security' } },
  {
    es: 'CAJP',
    en: 'CAJP',
    meaning: { es: 'Comisión de Asuntos Jurídicos y Políticos', en: 'Committee on Juridical and Political Affairs' },
  },
  {
    es: 'CEAM',
    en: 'SCMI',
    meaning: { es: 'Comisión Especial de Asuntos Migratorios', en: 'Special Committee on Migration Issues' },
  },
  { es: 'CAM', en: 'CMI', meaning: { es: 'Comisión de Asuntos Migratorios', en: 'Committee on Migration Issues' } },
  {
    es: 'MiDE',
    en: 'MiDE',
    meaning: { es: 'Programa de Migración y Desarrollo', en: 'Migration and Development Program' },
  },
  {
    es: 'RIAL',
    en: 'RIAL',
    meaning: {
      es: 'Red Interamericana de Administración Laboral',
      en: 'Inter-American Network for Labor Administration',
    },
  },
  {
    es: 'CIMT',
    en: 'IACML',
    meaning: {
      es: 'Conferencia Interamericana de Ministros de Trabajo',
      en: 'Inter-American Conference of Ministers of Labor',
    },
  },
  {
    es: 'SICREMI',
    en: 'SICREMI',
    meaning: {
      es: 'Sistema Continuo de Reportes sobre Migración Internacional en las Américas',
      en: 'Continuous Reporting System on International Migration in the Americas',
    },
  },
  {
    es: 'MILEX',
    en: 'MILEX',
    meaning: { es: 'Base de Datos de Legislación Migratoria', en: 'Migration Legislation Database' },
  },
  {
    es: 'OCDE',
    en: 'OECD',
    meaning: {
      es: 'Organización para la Cooperación y el Desarrollo Económicos',
      en: 'Organisation for Economic Co-operation and Development',
    },
  },
  {
    es: 'OPS',
    en: 'PAHO',
    meaning: { es: 'Organización Panamericana de la Salud', en: 'Pan American Health Organization' },
  },
  { es: 'OMS', en: 'WHO', meaning: { es: 'Organización Mundial de la Salud', en: 'World Health Organization' } },
  { es: 'BM', en: 'WB', meaning: { es: 'Banco Mundial', en: 'World Bank' } },
  {
    es: 'PNUD',
    en: 'UNDP',
    meaning: { es: 'Programa de las Naciones Unidas para el Desarrollo', en: 'United Nations Development Programme' },
  },
  { es: 'ONU', en: 'UN', meaning: { es: 'Organización de las Naciones Unidas', en: 'United Nations' } },
  { es: 'UE', en: 'EU', meaning: { es: 'Unión Europea', en: 'European Union' } },
]

/** The terms whose Spanish or English form is `acronym` (exact, case-sensitive). */
export function termsFor(acronym: string): Term[] {
  return terms.filter((term) => term.es === acronym || term.en === acronym)
}
