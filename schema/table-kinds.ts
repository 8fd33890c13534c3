import type { Bilingual } from './languages.ts'

/** One column of a report table: a stable id and its heading in both languages. */
export interface TableColumn {
  readonly id: string
  readonly heading: Bilingual
}

/**
 * A kind of table with its fixed column set. The columns are part of the model: every row of a
 * table of this kind has exactly these cells, in this order, and headings are rendered from here,
 * never stored as free text in the document.
 */
export interface TableKind {
  readonly id: string
  readonly name: Bilingual
  readonly columns: readonly TableColumn[]
}

/** The actor table of the annual report: what each organ, agency or entity reports. */
export const actorTable: TableKind = {
  id: 'actor',
  name: { es: 'Tabla de actividades', en: 'Activities table' },
  columns: [
    {
      id: 'mandate',
      heading: {
        es: 'Actividades enunciadas en la Resolución AG/RES. 2141 (XXXV-O/05) Anexo I',
        en: 'Activities stated in Resolution AG/RES 2141 (XXXV-O/05)',
      },
    },
    {
      id: 'programmed',
      heading: {
        es: 'Actividades programadas para ejecutar en el año',
        en: 'Programmed activities to be executed in the year',
      },
    },
    { id: 'executed', heading: { es: 'Actividades realizadas/ejecutadas', en: 'Activities developed/executed' } },
    {
      id: 'planned',
      heading: {
        es: 'Actividades programadas para ejecutar el año siguiente',
        en: 'Activities programmed for the next year',
      },
    },
    {
      id: 'financing',
      heading: { es: 'Tipo de financiamiento (solo para SG/OEA)', en: 'Type of financing (only for SG/OAS)' },
    },
  ],
}

/** The action plan of the Regional Conference on Migration (CRM). */
export const crmActionPlanTable: TableKind = {
  id: 'crm-action-plan',
  name: { es: 'Plan de acción de la CRM', en: 'RCM action plan' },
  columns: [
    { id: 'theme', heading: { es: 'Temas', en: 'Themes' } },
    { id: 'objective', heading: { es: 'Objetivos', en: 'Objectives' } },
    { id: 'action', heading: { es: 'Acción para la implementación', en: 'Action for implementation' } },
    { id: 'activities', heading: { es: 'Actividades', en: 'Activities' } },
    { id: 'calendar', heading: { es: 'Calendario', en: 'Calendar' } },
  ],
}

/** The work plan of the CRM liaison officers' network against trafficking and smuggling. */
export const networkWorkPlanTable: TableKind = {
  id: 'network-work-plan',
  name: { es: 'Plan de trabajo de la red de funcionarios de enlace', en: 'Liaison officers network work plan' },
  columns: [
    { id: 'objective', heading: { es: 'Objetivos', en: 'Objectives' } },
    { id: 'activities', heading: { es: 'Actividades', en: 'Activities' } },
    { id: 'responsible', heading: { es: 'Responsable', en: 'Responsible' } },
    { id: 'calendar', heading: { es: 'Calendario', en: 'Calendar' } },
  ],
}

/** The calendar of the work plan of the Committee on Migration Issues (CAM). */
export const camCalendarTable: TableKind = {
  id: 'cam-calendar',
  name: { es: 'Calendario de la CAM', en: 'CAM calendar' },
  columns: [
    { id: 'date', heading: { es: 'Fecha', en: 'Date' } },
    { id: 'activity', heading: { es: 'Actividad', en: 'Activity' } },
  ],
}

/** Every table kind the product knows, by id. */
export const tableKinds: Readonly<Record<string, TableKind>> = Object.freeze({
  [actorTable.id]: actorTable,
  [crmActionPlanTable.id]: crmActionPlanTable,
  [networkWorkPlanTable.id]: networkWorkPlanTable,
  [camCalendarTable.id]: camCalendarTable,
})

/** The table kind with that id. Throws `RangeError` for an unknown kind. */
export function tableKind(id: string): TableKind {
  const kind = tableKinds[id]
  if (!kind) throw new RangeError(`Unknown table kind "${id}"; known kinds: ${Object.keys(tableKinds).join(', ')}`)
  return kind
}
