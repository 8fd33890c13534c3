// The labelled pairs of the bundled annual report (server/seeds/annual-report-2011-2012.*.txt):
// every correctly paired block that had a QA finding before issue 14, or has one now, as the importer pairs them,
// with each earlier finding labelled real or false and the findings it must give now. Not a test file.

/** One aligned pair of the bundled report, labelled by reading it. */
export interface LabelledPair {
  /** Why the earlier findings were real or false. */
  readonly note: string
  readonly es: string
  readonly en: string
  /** What the checks reported before issue 14 (`check:side:text`), and whether a reader judged it real. */
  readonly before: ReadonlyArray<{ readonly finding: string; readonly real: boolean }>
  /** What the checks must report now (`check:side:text`): only real problems. */
  readonly expect: readonly string[]
}

/** The pairs, in the report's order. */
export const labelledPairs: readonly LabelledPair[] = [
  {
    note: "the Spanish CIDH is 'the Commission' in English, a legitimate short reference",
    es: 'Del 15 al 16 de junio de 2011 el Comisionado Relator Felipe González participó del Coloquio Conjunto sobre el rol de los sistemas regionales de derechos humanos en la interpretación y aplicación de las normas legales para la protección de las personas desplazadas forzosamente.  El Coloquio Conjunto, que se realizó en Estrasburgo, Francia, fue organizado conjuntamente por el Consejo de Europa y el Alto Comisionado de Naciones Unidas para los Refugiados.  Además del Comisionado Relator sobre derechos de los trabajadores migratorios y miembros de sus familias, participaron del Coloquio Conjunto el Comisionado Relator sobre defensores y defensoras de derechos humanos, José de Jesús Orozco Henríquez; miembros de la Corte Europea de Derechos Humanos; representantes de la Corte Interamericana de Derechos Humanos y de la Comisión y de la Corte Africana de Derechos Humanos; y directivos de ACNUR y del Consejo de Europa.  Los Comisionados González y Orozco realizaron presentaciones en nombre de la CIDH y participaron, respectivamente, en paneles sobre los siguientes temas: “Acceso a los sistemas de derechos humanos con un enfoque en la protección contra el refoulement” y “Derechos económicos y sociales de las personas en necesidad de protección”.  También participó un abogado de la Secretaría Ejecutiva en el panel sobre “Protección de las personas que huyen de los conflictos y la violencia generalizada”.',
    en: 'From 15 to June 16, 2011 the Reporting Commissioner Felipe González participated in the Joint Symposium on the role of regional human rights systems in the interpretation and application of legal norms for the protection of forcibly displaced people. The Joint Symposium, held in Strasbourg, France, was organized jointly by the Council of Europe and the United Nations High Commissioner for Refugees. In addition to the Commissioner Rapporteur on the rights of migrant workers and their families participated in the Symposium Joint Commissioner defenders Rapporteur on Human Rights, José de Jesús Orozco Henríquez, members of the European Court of Human Rights, representatives of the Court Human Rights and the Commission and the African Court on Human and managers of UNHCR and the Council of Europe. The Commissioners Gonzalez and Orozco made presentations on behalf of the Commission and participated respectively inpanels on the following topics: "Access to human rights systems with a focus on protection from refoulement" and "Economic and social people in need of protection. "Also involved were a lawyer for the Executive Secretariat in the panel on "Protecting people fleeing conflict and generalized violence."',
    before: [
      {
        finding: 'acronym:es:CIDH',
        real: false,
      },
    ],
    expect: ['date:en:15 to June 16, 2011'],
  },
  {
    note: "CIDH is 'the Commission' in English",
    es: 'A. En lo que respecta a informes publicados, el 17 de marzo de 2011, la CIDH publicó el  “Informe sobre inmigración en Estados Unidos: detención y debido proceso”, el cual incluye un análisis de estándares internacionales relevantes en materia de derechos humanos de los migrantes; las observaciones y preocupaciones de la CIDH respecto a la detención migratoria, ciertos procedimientos migratorios, condiciones de detención y su impacto sobre el debido proceso; y cierra con conclusiones y recomendaciones finales.  A través del informe, la CIDH hace énfasis en ciertos grupos vulnerables en el ámbito de la detención migratoria, tales como los menores no acompañados, las familias migrantes, los solicitantes de asilo, las personas con discapacidad o desordenes mentales, entre otros.',
    en: 'A. With respect to published reports,  March 17, 2011, the Commission published the "Report on U.S. immigration: arrest and due process," which includes an analysis of relevant international standards on human rights of migrants ; the comments and concerns of the Commission regarding immigration detention, certain immigration proceedings, detention conditions and their impact on due process, and closes with conclusions and recommendations. Throughout the report, the Commission emphasizes certain vulnerable groups in the field of immigration detention, such as un accompanied minors, families, migrants, asylum seekers, people with disabilities or mental disorders, among others.',
    before: [
      {
        finding: 'acronym:es:CIDH',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: "CIDH is 'the Commission' in English",
    es: 'Reunión de trabajo sobre Seguimiento de las recomendaciones del Informe de la CIDH sobre detención y debido proceso en Estados Unidos, llevada a cabo el miércoles 26 de octubre de 2011',
    en: 'Workshop on Compliance with the recommendations of the Report of the Commission on detention and due process in the United States, held on Wednesday October 26, 2011.',
    before: [
      {
        finding: 'acronym:es:CIDH',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: 'the English names the OAS where the Spanish names no such body',
    es: 'Participación en actividades del Proyecto “Promoción de una cultura de cumplimiento de los derechos laborales de los Migrantes: concientización, desarrollo de capacidades y asistencia técnica” para  Costa Rica, República Dominicana y El Salvador de la Fundación TRUST for the Americas. Colaboración conjunta en el que el TRUST entregó al MiDE las conclusiones del proyecto para ser retomadas en el Proyecto con OIT - ISCOD',
    en: 'Participation in the project "Promotion of a culture of compliance with labor rights of migrants: awareness, capacity building and technical assistance" to Costa Rica, Dominican Republic and El Salvador of the Foundation Trust for the Americas. Collaboration in which the Trust presented the project findings to MiDE as an input of  ILO – ISCOD- OAS project.',
    before: [
      {
        finding: 'acronym:en:OAS',
        real: true,
      },
    ],
    expect: ['acronym:en:OAS'],
  },
  {
    note: 'the URL of SICREMI is dropped in English',
    es: 'El  24 al 26 de agosto de 2011, el MiDE fue invitado a participar en el Taller de Expertos Gubernamentales y de la Sociedad Civil en Estadísticas Migratorias Andinas organizado por la Comunidad Andina de Naciones – CAN y la  Fundación Esperanza en Lima, Perú. El MiDE participó con una presentación del SICREMI. En la exposición tambien se presentaron los avances de las bases de datos MILEX, MINPET, que tienen como objetivo de mediano plazo contar con información de todos los paises del hemisferio.. El informe SICREMI se encuentra disponible en su página web: www.migracionoea.org/SICREMI).',
    en: 'The days of 24 to 26 August 2011, MiDE was invited to participate in the Workshop of Governmental and Civil Society in Migration Statistics organized by the Andean Community of Nations - CAN and the Hope Foundation in Lima, Peru. The MiDE participated with a presentation of SICREMI also show the progress of the databases MILEX, MINPET, whose medium-term goal to have information from all countries of the hemisphere.',
    before: [
      {
        finding: 'url:es:www.migracionoea.org/SICREMI',
        real: true,
      },
    ],
    expect: ['url:es:www.migracionoea.org/SICREMI'],
  },
  {
    note: 'O.E.A is OEA, and OAS in English',
    es: 'a) Difundir documentos de base de datos legales sobre migraciones con el apoyo de la Organización de los Estados Americanos - O.E.A -.',
    en: 'a) Disseminate documents legal database migration with support from the Organization of American States - OAS -.',
    before: [
      {
        finding: 'acronym:en:OAS',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: 'MIDE is MiDE',
    es: 'A fin de presentar los resultados e involucrar a los países y organismos en el desarrollo y consolidación del Mapa Interactivo de Programas de Empleo Temporal para Migrantes – MINPET, el MIDE fue invitado a participar en el Segundo Taller sobre Programas de Empleo Temporal para Trabajadores Migrantes (TFWP por sus siglas en inglés): enfoque intrarregional y sur- sur, organizado por la Conferencia Regional de Migraciones en Santo Domingo, República Dominicana, los días 28 y 29 de abril de 2011. Los países de la región conocieron los diferentes programas e información que consolida el MINPET, como marco para el desarrollo de sus políticas públicas en la materia.',
    en: 'In order to present the results and involve countries and agencies in the development and consolidation of the Interactive Map of Employment Programs Temporary Migrants - MINPET, MiDE was invited to participate in the Second Workshop on Temporary Employment Programs for Migrant Workers ( TFWP for its acronym in English): intra-regional approach to South-South, organized by the Regional Conference on Migration in Santo Domingo, Dominican Republic, 28 and April 29, 2011. The countries of the region met the various programs and information that consolidates MINPET as a framework for developing public policy on the matter.',
    before: [
      {
        finding: 'acronym:en:MiDE',
        real: false,
      },
    ],
    expect: ['date:en:28 and April 29, 2011'],
  },
  {
    note: 'the Spanish writes OECD too',
    es: 'Adicionalmente, a fin de estrechar los lazos con la OECD, el MiDE fue invitado a participar el 17 de noviembre de 2011 en el lanzamiento del Libro “Tackling the Policy Challenges of Migration: Regulation, Integration, Development” realizado por el Development Centre de la OECD.',
    en: 'Additionally, in order to strengthen ties with OECD, the MiDE was invited to the November 17, 2011 at the launch of the book "Tackling the Challenges of Migration Policy: Regulation, Integration, Development" by the Development Centre of the OECD.',
    before: [
      {
        finding: 'acronym:en:OECD',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: 'CEAM left in English for SCMI',
    es: 'Como Secretaria Técnica de la Comisión Especial de Asuntos Migratorios, el MiDE  apoyó en la preparación de sus reuniones, tanto en la logística como el desarrollo de las mismas. Para el periodo 2010 -2011, se han planeado 7 reuniones, 6 de ellas de corte temático, que contaron con la participación de expertos de los Estados Miembros y otros organismos internacionales y regionales, quienes dieron a conocer sus experiencias en asuntos migratorios.  Para el periodo 2011 -2012, la CEAM ha llevado a cabo 3 reuniones..',
    en: 'As Technical Secretariat of the Special Committee on Migration, the MiDE supported in the preparation of their meetings, both in logistics and the development thereof. For the period 2010 -2011, 7 meetings are planned, including 6 cutting theme, which included the participation of experts from Member States and other international and regional organizations who shared their experiences in immigration matters. For the period 2011 -2012, the CEAM has held 3 meetings.',
    before: [
      {
        finding: 'acronym:en:CEAM',
        real: true,
      },
    ],
    expect: ['acronym:en:CEAM'],
  },
  {
    note: 'CIMT left in English for IACML',
    es: 'Servir de vínculo entre el Programa de Migrantes y los Ministerios de Trabajo del hemisferio, congregados en la Conferencia Interamericana de Ministros de Trabajo (CIMT) de la OEA, cuya Secretaría Técnica es el DDSE.',
    en: 'Serve as a link between the Migrant Program and the Ministries of Labor of the Hemisphere, gathered at the Conference of Ministers of Labor (CIMT) of the OAS, whose Technical Secretariat is the DSDL.',
    before: [
      {
        finding: 'acronym:en:CIMT',
        real: true,
      },
    ],
    expect: ['acronym:en:CIMT'],
  },
  {
    note: 'a range across months with the year after a comma; CIMT left in English',
    es: 'La XVII Conferencia Interamericana de Ministros de Trabajo (CIMT) se realizó en San Salvador, El Salvador del 31 de octubre al 1 de noviembre, 2011 con la participación de delegaciones de 27 Ministerios de Trabajo, representantes de trabajadores y empleadores y delegados de OIT, BM, OPS, PNUD y SICA, entre otros.  Sus resultados más significativos:',
    en: 'The XVII Conference of Ministers of Labor (CIMT) was held in San Salvador, El Salvador from October 31 to November 1, 2011 with the participation of delegations of 27 Ministries of Labor, worker and employer representatives and delegates from ILO , WB, WHO, UNDP and SICA, among others. His most significant:',
    before: [
      {
        finding: 'date:es:1 de noviembre',
        real: false,
      },
      {
        finding: 'date:en:November 1, 2011',
        real: false,
      },
      {
        finding: 'number:es:2011',
        real: false,
      },
      {
        finding: 'acronym:en:CIMT',
        real: true,
      },
    ],
    expect: ['acronym:en:CIMT', 'acronym:en:WHO'],
  },
  {
    note: 'a day range with a hyphen',
    es: 'Antigua y Barbuda, 30-31 marzo 2011',
    en: 'Antigua & Barbuda , March 30-31, 2011',
    before: [
      {
        finding: 'date:en:March 30',
        real: false,
      },
      {
        finding: 'number:es:30',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: 'a month-first range in Spanish',
    es: 'República Dominicana, junio 14 a 15 2011',
    en: 'Dominican Republic, June 14-15, 2011',
    before: [
      {
        finding: 'date:en:June 14',
        real: false,
      },
      {
        finding: 'number:es:14',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: 'a range of one day',
    es: 'Saint Kits and Nevis, 24 a 24 mayo 2011',
    en: 'St. Kitts and Nevis, May 24-24, 2011',
    before: [
      {
        finding: 'date:en:May 24',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: "'a' between days and an abbreviated month",
    es: 'San Vicente y las Granadinas, 21 a 22 jun 2011',
    en: 'St. Vincent and the Grenadines, June 21-22, 2011',
    before: [
      {
        finding: 'date:en:June 21',
        real: false,
      },
      {
        finding: 'number:es:21',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: "'hasta' between days",
    es: 'Jamaica, 2 hasta 3 marzo 2011',
    en: 'Jamaica, March 2-3, 2011',
    before: [
      {
        finding: 'date:en:March 2',
        real: false,
      },
      {
        finding: 'number:es:2',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: 'a range in January',
    es: 'Santa Lucía, 23-27 enero 2012',
    en: 'St. Lucia, January 23-27, 2012',
    before: [
      {
        finding: 'date:en:January 23',
        real: false,
      },
      {
        finding: 'number:es:23',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: 'OIM left in English for IOM',
    es: 'La OIM Buenos Aires prevé durante el 2010 continuar el desarrollo de las acciones del Programa de Asistencia a Víctimas de la Trata de Personas en el Cono Sur, el Programa de Asistencia Integral a la Víctima de Trata en la Triple Frontera de Argentina, Brasil y Paraguay, y los Programas de Retorno de Migrantes Brasileros.',
    en: 'OIM provides Buenos Aires in 2010 to continue the development of the actions of the Programme of Assistance to Victims of Human Trafficking in the Southern Cone, the Program for Integral Assistance to Victims of trafficking in the triple frontier of Argentina, Brazil and Paraguay and programs Brazilians  Migrants return.',
    before: [
      {
        finding: 'acronym:en:OIM',
        real: true,
      },
    ],
    expect: ['acronym:en:OIM'],
  },
  {
    note: 'the English is cut off: the 2 ventanillas are lost',
    es: 'La OIM San José, en el marco de la implementación del Programa Conjunto Juventud, Empleo y Migración, financiado por le MGDF, continuará brindando servicios de asesoría migratoria en las 2 ventanillas únicas del programa a personas migrantes.',
    en: 'IOM San José, in the framework of the implementation of the Joint Youth, Employment and Migration, funded by MGDF will, continue to provide immigration',
    before: [
      {
        finding: 'number:es:2',
        real: true,
      },
    ],
    expect: ['number:es:2', 'truncated:en:to provide immigration'],
  },
  {
    note: 'CRM left in English for RCM',
    es: 'La OIM, como gestor del “Programa de Retorno Voluntario Asistido de Migrantes en Situación de Alta Vulnerabilidad de la CRM”, financiado por los países miembro de la CRM, continuará apoyando el retorno voluntario de migrantes vulnerables en Mesoamérica, brindando protección, asistencia básica y asistencia para el retorno y reintegración de migrantes, incluyendo a quienes han sido víctimas de trata de personas.',
    en: 'The IOM, as manager of "Assisted Voluntary Return Programme Migrants in Highly Vulnerable Status of CRM", funded by the MRC member countries, will continue to support the voluntary return of migrants vulnerable in Mesoamerica, providing protection, assistance and basic assistance for return and reintegration of migrants, including those who have been victims of trafficking.',
    before: [
      {
        finding: 'acronym:en:CRM',
        real: true,
      },
    ],
    expect: ['acronym:en:CRM'],
  },
  {
    note: 'CRM left in English for RCM',
    es: '67., 76. La OIM, en conjunto con la CRM, la Red Regional de Organizaciones Civiles para las Migraciones y el Gobierno de Honduras, en el marco de la CRM organizó el taller de Derechos Humanos y Migración, el cual tuvo como fin analizar los grandes desafíos y generar propuestas, en materia de atención y protección de los derechos humanos de la población migrante, de sus familiares y de las sociedades de origen y destino de personas migrantes en la región cubierta por la Conferencia Regional de Migración, la cual incluye: Canadá, Estados Unidos, México, Guatemala, Belice, El Salvador, Honduras, Nicaragua, Costa Rica, Panamá y la República Dominicana. En dicho seminario – taller se capacitó a funcionarios de ONGs y de gobiernos',
    en: '67., 76. IOM, in conjunction with the CRM, the Regional Network of Civil Organizations for Migration and the Government of Honduras, as part of MCA organized the workshop on Human Rights and Migration, which was to analyze the challenges and generate proposals on care and protection of human rights of migrants, their families and societies of origin and destination of migrants in the region covered by the Regional Conference on Migration, which includes: Canada, United States , Mexico, Guatemala, Belize, El Salvador, Honduras, Nicaragua, Costa Rica, Panama and the Dominican Republic. This seminar - workshop trained staff of NGOs and governments.',
    before: [
      {
        finding: 'acronym:en:CRM',
        real: true,
      },
    ],
    expect: ['acronym:en:CRM'],
  },
  {
    note: 'AB/RES. 2141 is a typo for AG/RES. 2141',
    es: 'La Asamblea General, en su trigésimo quinto período ordinario de sesiones, celebrado en Fort Lauderdale, Florida, adoptó el Programa Interamericano para la Promoción y la Protección de los Derechos Humanos de los Migrantes, incluyendo los Trabajadores Migrantes y sus Familias, por medio de su resolución AG/RES. 2141 (XXXV-O/05) el día 7 de junio de 2005.',
    en: 'The General Assembly, during its thirty fifth ordinary period of sessions held at fort Lauderdale, Florida, adopted the Inter-American Program for the Promotion and Protection of Human Rights for Migrants, including the migrant Workers and their Families, through resolution AB/RES. 2141 (XXXV-O/05) of June 7, 2005.',
    before: [
      {
        finding: 'resolution:es:AG/RES. 2141 (XXXV-O/05)',
        real: true,
      },
    ],
    expect: ['resolution:es:AG/RES. 2141 (XXXV-O/05)'],
  },
  {
    note: 'CEAM left in English for SCMI',
    es: 'La realización en el marco de la Comisión Especial de Asuntos Migratorios – CEAM del taller “Aprendiendo de Experiencias: Cooperación Bilateral para la Gestión Migratoria” en abril de 2011, y la publicación de las memorias producto del taller;',
    en: 'The realization in the framework of the Special Committee on Migration Issues - CEAM the workshop "Learning from Experiences: Bilateral Cooperation for Migration Management" in April 2011 and the publication of the memoirs product of the workshop;',
    before: [
      {
        finding: 'acronym:en:CEAM',
        real: true,
      },
    ],
    expect: ['acronym:en:CEAM'],
  },
  {
    note: 'AG / RES. 2593 is AG/RES. 2593',
    es: 'Es importante mencionar que parte de las actividades mencionadas en el párrafo anterior se llevaron a cabo gracias a las contribuciones de los Gobiernos de  España y Canadá. Asimismo, cabe señalar, que las contribuciones canadienses para estas actividades finalizaron el pasado mes de junio, por lo cual es necesario contemplar algunos mecanismos alternativos de financiamiento, como el fondo voluntario de aportaciones al cual se hace mención en la resolución AG/RES. 2593 (XL-O/10).',
    en: 'It is noteworthy that some of the activities mentioned in the previous paragraph were carried out thanks to contributions from the Governments of Spain and Canada. Also noted that Canadian contributions to these activities ended last June, which is necessary to consider some alternative financing mechanisms such as voluntary fund contributions which are mentioned in resolution AG / RES. 2593 (XL-O/10).',
    before: [
      {
        finding: 'resolution:es:AG/RES. 2593 (XL-O/10)',
        real: false,
      },
      {
        finding: 'number:en:2593',
        real: false,
      },
      {
        finding: 'number:en:10',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: "CAN is 'the Andean' (Community) in English",
    es: 'Asimismo, la Secretaria General de la CAN acogió en el mes de marzo de 2011 la reunión de cierre del Proyecto de la OIM “Mejora de la gestión de frontera a través del fortalecimiento de las capacidades de los oficiales encargados de la implementación de a ley en Bolivia, Colombia, Ecuador y Per con el fin de combatir la trata de personas, el tráfico de migrantes y las amenazas a la seguridad transnacional”.',
    en: 'Also, the Secretary General of the Andean hosted in March 2011 the closing meeting of the IOM project "Improvement of border management through capacity building of officers in charge of implementing the law in Bolivia, Colombia, Ecuador and Peru to combat human trafficking, migrant smuggling and transnational security threats. "',
    before: [
      {
        finding: 'acronym:es:CAN',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: "'19-21 Octubre' is '19 to 21 October'",
    es: 'Acuerdos tomados en la XI CSM, 19-21 Octubre 2011',
    en: 'Agreements reached at the CSM XI, 19 to 21 October 2011',
    before: [
      {
        finding: 'date:en:21 October 2011',
        real: false,
      },
      {
        finding: 'number:es:21',
        real: false,
      },
      {
        finding: 'number:es:2011',
        real: false,
      },
    ],
    expect: [],
  },
  {
    note: "the English drops everything after the delegation: a length far under the report's norm",
    es: 'Entre el 25 de julio al 2 de agosto de 2011, la Relatoría sobre los Derechos de los Trabajadores Migratorios y Miembros de sus Familias de la CIDH realizó una visita a México. La delegación estuvo compuesta por el Comisionado Felipe González Morales, Relator sobre los Derechos de los Trabajadores Migratorios y Miembros de sus Familias; Santiago A. Canton, Secretario Ejecutivo de la CIDH; Álvaro Botero Navarro, Abogado Especialista de la Relatoría y María Isabel Rivero, Directora de Prensa y Difusión.  El objetivo principal de la visita fue observar la situación de los derechos humanos de las personas migrantes en México. En el marco de la visita, la delegación de la CIDH visitó la Ciudad de México; Oaxaca e Ixtepec, en el Estado de Oaxaca, Tapachula y Ciudad Hidalgo, en el Estado de Chiapas; Tierra Blanca y Veracruz, en el Estado de Veracruz; y Reynosa y San Fernando, en el Estado de Tamaulipas. Durante la visita la Relatoría sostuvo reuniones con autoridades del orden federal, estadual y municipal; con organizaciones de la sociedad civil; así como con organismos internacionales con sede en México. Al final de la visita la Relatoría de la CIDH presentó sus observaciones preliminares a la visita en las cuales formuló una serie de recomendaciones a ser implementadas por el Estado mexicano a la mayor brevedad posible. Tras la visita la Relatoría comenzó a trabajar en la preparación del informe de la visita a México.',
    en: 'Between July 25 to August 2, 2011, the Rapporteur on the Rights of Migrant Workers and Members of Their Families of the IACHR visited Mexico. The delegation consisted of the Commissioner Felipe González Morales, Rapporteur on the Rights of Migrant Workers and Their Families, James A. Canton, Executive Secretary of the Commission, IACHR Alvaro Botero Navarro, Lawyer of the Rapporteur and Maria Isabel Rivero, Director of Press and Publications.',
    before: [],
    expect: ['length:en:238/69'],
  },
  {
    note: 'the English drops the second sentence',
    es: 'Intercambiar información en torno al fenómeno migratorio, sus características, dimensión, estadísticas e implicaciones. Mejorar los sistemas de información estadística y fomentar el intercambio de información y buenas prácticas mediante el uso de tecnologías de información y de comunicación.',
    en: 'Exchange information on the migration phenomenon, its characteristics, size, statistics and implications.',
    before: [],
    expect: ['length:en:38/12'],
  },
  {
    note: "the English is one word, 'Report', for a whole activity",
    es: 'Lanzamiento y actualización del Mapa Interactivo de Programas de Empleo Temporal para Trabajadores Migrantes - MINPET de las estadísticas y programas que alimentan el Mapa',
    en: 'Report',
    before: [],
    expect: ['length:en:24/1'],
  },
]
