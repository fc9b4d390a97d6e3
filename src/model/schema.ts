/**
 * The content model of an agreement, written once as TypeBox schemas: the JSON Schemas in
 * `schema/` are generated from these (`npm run schema`), and the TypeScript types are
 * `Static<>` of the same objects, so the two cannot drift apart (a test checks the files).
 */
import { Type, type Static } from '@sinclair/typebox';
import { LIST_STYLES } from './list-styles.ts';

const S = Type;

/** A stable identifier: lower-case ASCII letters, digits and hyphens. */
export const Id = S.String({
  pattern: '^[a-z0-9][a-z0-9-]*$',
  maxLength: 80,
  title: 'Id',
  description: 'Stabil identitet: små bokstäver a–z, siffror och bindestreck, t.ex. "umea-kommun". Byt den inte mellan revisioner, den används för att jämföra dem.',
});

const IsoDate = S.String({
  format: 'date',
  title: 'Datum',
  description: 'Datum skrivet ÅÅÅÅ-MM-DD, t.ex. 2023-01-01.',
});

const Text = (title: string, description: string) => S.String({ minLength: 1, title, description });

const TextList = (title: string, description: string) =>
  S.Array(S.String({ minLength: 1 }), { title, description });

/** Where a file path is expected: relative, inside the agreement folder. */
const RelPath = (title: string, description: string) => S.String({ minLength: 1, maxLength: 300, title, description });

// ---------------------------------------------------------------- organisations.yaml

export const OrganisationKind = S.Union(
  [S.Literal('kommun'), S.Literal('region'), S.Literal('statlig-myndighet'), S.Literal('samordningsforbund'), S.Literal('annan')],
  { title: 'Slag av organisation', description: 'kommun, region, statlig-myndighet, samordningsforbund eller annan.' },
);

export const Organisation = S.Object(
  {
    id: Id,
    name: Text('Namn', 'Organisationens namn så som det skrivs i överenskommelser, t.ex. "Umeå kommun".'),
    shortName: S.Optional(Text('Kort namn', 'Kortare namn i löptext, t.ex. "Umeå".')),
    orgnr: S.String({
      minLength: 1,
      title: 'Organisationsnummer',
      description: 'Tio siffror med giltig kontrollsiffra, t.ex. 212000-2627 (2120002627 och 212 000-2627 går också bra).',
    }),
    kind: OrganisationKind,
  },
  { additionalProperties: false, title: 'Organisation', description: 'En organisation som kan vara part i överenskommelser.' },
);

export const OrganisationsFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    organisations: S.Array(Organisation, { minItems: 1, title: 'Organisationer', description: 'Gemensamt register över alla organisationer som förekommer i överenskommelserna.' }),
  },
  { additionalProperties: false, title: 'Organisationsregister', description: 'agreements/organisations.yaml: organisationer som alla överenskommelser hänvisar till.' },
);

// ---------------------------------------------------------------- agreement.yaml

export const DocumentKind = S.Union(
  [
    S.Literal('overenskommelse'),
    S.Literal('bilaga'),
    S.Literal('lokal-modell'),
    S.Literal('verksamhetsplan'),
    S.Literal('samverkansavtal'),
    S.Literal('handlingsplan'),
  ],
  { title: 'Dokumentslag', description: 'overenskommelse, bilaga, lokal-modell, verksamhetsplan, samverkansavtal eller handlingsplan.' },
);

export const Party = S.Object(
  {
    organisation: S.String({ minLength: 1, title: 'Organisation', description: 'Id för organisationen i agreements/organisations.yaml.' }),
    unit: S.Optional(Text('Enhet', 'Den del av organisationen som är part, t.ex. "Arbetsförmedlingen Skellefteå".')),
    role: S.Optional(S.Union([S.Literal('part'), S.Literal('beslutande')], {
      title: 'Roll',
      description: 'part (skriver under) eller beslutande (beslutande organ vars protokollförda beslut ersätter underskrift).',
    })),
    finsamMember: S.Optional(S.Boolean({ title: 'Medlem i samordningsförbundet', description: 'true om parten är medlem i samordningsförbundet (Finsam).' })),
    scope: S.Optional(Text('Omfattning', 'När parten bara deltar i en del, t.ex. "För de delar som gäller kriminalvården".')),
  },
  { additionalProperties: false, title: 'Part', description: 'En part i överenskommelsen.' },
);

export const Validity = S.Object(
  {
    from: IsoDate,
    to: S.Union([IsoDate, S.Literal('tills vidare')], { title: 'Till och med', description: 'Sista giltighetsdag ÅÅÅÅ-MM-DD, eller "tills vidare".' }),
    revisedYearly: S.Optional(S.Boolean({ title: 'Revideras årligen', description: 'true om överenskommelsen revideras varje år.' })),
    nextDecisionBy: S.Optional(S.String({ format: 'date', title: 'Nästa beslut senast', description: 'Sista dag för beslut om nästa revision, t.ex. 2023-11-30.' })),
    nextDecisionFor: S.Optional(S.Integer({ minimum: 1990, maximum: 2200, title: 'Beslut inför år', description: 'Året som nästa beslut gäller, t.ex. 2024.' })),
    nextDecisionText: S.Optional(S.String({
      minLength: 1,
      maxLength: 500,
      title: 'Meningen om nästa revision',
      description: 'Meningen om nästa beslut med överenskommelsens egna ord, som ::giltighet skriver i stället för sin egen, t.ex. "Nästa revidering sker {datum}." {datum} blir nextDecisionBy som ÅÅÅÅ-MM-DD, {datum-lang} som "28 februari 2019" och {ar} blir nextDecisionFor. Skriv inte datumet med siffror i texten.',
    })),
  },
  { additionalProperties: false, title: 'Giltighet', description: 'När överenskommelsen gäller och när nästa beslut ska fattas.' },
);

export const Decision = S.Object(
  {
    date: IsoDate,
    body: Text('Beslutande organ', 'Vem som fattade beslutet, t.ex. "Samordningsförbundets styrelse".'),
    party: S.Optional(S.String({ minLength: 1, title: 'Beslutande part', description: 'Id för den part vars organ beslutade.' })),
    reference: S.Optional(Text('Protokoll', 'Diarienummer eller paragraf i protokollet.')),
  },
  { additionalProperties: false, title: 'Beslut', description: 'Beslutet som antog överenskommelsen.' },
);

export const Signatory = S.Object(
  {
    id: Id,
    name: Text('Namn', 'Den som skriver under, t.ex. "Peter Vigren".'),
    title: S.Optional(Text('Titel', 'Titel, t.ex. "Kommunalråd".')),
    party: S.String({ minLength: 1, title: 'Part', description: 'Id för parten (organisationen) som personen skriver under för.' }),
    unit: S.Optional(Text('Enhet', 'Enhet under namnet, t.ex. "Kriminalvården/Frivården".')),
    scope: S.Optional(Text('Omfattning', 'När parten skriver under bara för en del, t.ex. "För de delar som gäller kriminalvården".')),
    place: S.Optional(Text('Ort', 'Ort där underskriften görs.')),
    date: S.Optional(IsoDate),
  },
  { additionalProperties: false, title: 'Undertecknare', description: 'En person som skriver under för en part.' },
);

export const DocumentPart = S.Object(
  {
    id: Id,
    number: S.Optional(S.Integer({ minimum: 1, maximum: 99, title: 'Bilagenummer', description: 'Bilagans nummer: 1, 2, 3 … i ordning.' })),
    kind: S.Optional(DocumentKind),
    title: Text('Rubrik', 'Dokumentets rubrik.'),
    subtitle: S.Optional(Text('Underrubrik', 'Underrubrik under rubriken.')),
    placeholder: S.Optional(S.Boolean({ title: 'Platshållare', description: 'true när dokumentets innehåll ännu inte finns med (t.ex. en bilaga som inte har lämnats in).' })),
    numbering: S.Optional(S.Integer({ minimum: 0, maximum: 4, title: 'Numrerade rubriknivåer', description: 'Hur många rubriknivåer som numreras: 0 = inga nummer, 3 = 1.1.1.' })),
    sections: S.Array(RelPath('Avsnitt', 'Sökväg till en Markdown-fil i överenskommelsens mapp, t.ex. text/syfte.md.'), {
      title: 'Avsnitt',
      description: 'Dokumentets avsnitt i ordning, var och ett en Markdown-fil.',
    }),
  },
  { additionalProperties: false, title: 'Dokument', description: 'Huvuddokumentet eller en bilaga.' },
);

export const Figure = S.Object(
  {
    id: Id,
    caption: Text('Bildtext', 'Text under figuren.'),
    alt: Text('Alternativtext', 'Beskrivning av bilden för den som inte ser den.'),
    file: S.Optional(RelPath('Bildfil', 'Sökväg till bilden (SVG eller PNG) i överenskommelsens mapp.')),
    placeholder: S.Optional(S.Boolean({ title: 'Platshållare', description: 'true när originalets bild saknas och figuren visas som en markerad platshållare.' })),
  },
  { additionalProperties: false, title: 'Figur', description: 'En bild med alternativtext, eller en markerad platshållare.' },
);

export const Commitment = S.Object(
  {
    id: Id,
    party: S.String({ minLength: 1, title: 'Part', description: '"alla" för gemensamma åtaganden, annars partens id.' }),
    text: Text('Åtagande', 'Vad parten åtar sig.'),
  },
  { additionalProperties: false, title: 'Åtagande', description: 'Ett åtagande, gemensamt eller för en part.' },
);

export const TargetGroup = S.Object(
  {
    id: Id,
    name: Text('Målgrupp', 'Målgruppen så som den står i överenskommelsen.'),
    definition: S.Optional(Text('Definition', 'Vad som avses, t.ex. "Med ungdomar avses unga 16–24 år".')),
  },
  { additionalProperties: false, title: 'Målgrupp', description: 'En målgrupp för samverkan.' },
);

export const AgreementFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    id: Id,
    kind: DocumentKind,
    title: Text('Rubrik', 'Överenskommelsens fullständiga rubrik.'),
    subtitle: S.Optional(Text('Underrubrik', 'Text under rubriken på titelsidan.')),
    cluster: Text('Kluster', 'Kommunklustret eller området, t.ex. "Umeåregionen".'),
    finsam: S.Optional(S.Boolean({ title: 'Finsam', description: 'true när överenskommelsen också är ett samordningsförbunds plan (lag 2003:1210 om finansiell samordning).' })),
    revision: S.Object(
      {
        id: S.String({ minLength: 1, maxLength: 40, title: 'Revision', description: 'Revisionens namn, t.ex. "2023".' }),
        date: S.String({ format: 'date', title: 'Revisionsdatum', description: 'Datum för revisionen; används som datum i PDF:en.' }),
        status: S.Optional(S.Union([S.Literal('forslag'), S.Literal('antagen')], { title: 'Status', description: 'forslag eller antagen.' })),
      },
      { additionalProperties: false, title: 'Revision', description: 'Vilken revision källorna beskriver.' },
    ),
    parties: S.Array(Party, { minItems: 1, title: 'Parter', description: 'Överenskommelsens parter i den ordning de ska stå.' }),
    otherPartners: S.Optional(TextList('Övriga samverkansparter', 'Andra som är viktiga att samverka med men inte är parter.')),
    validity: Validity,
    decision: S.Optional(Decision),
    signatories: S.Array(Signatory, { title: 'Underskrifter', description: 'Undertecknare i den ordning de ska stå.' }),
    main: DocumentPart,
    bilagor: S.Optional(S.Array(DocumentPart, { title: 'Bilagor', description: 'Bilagor i nummerordning.' })),
    figures: S.Optional(S.Array(Figure, { title: 'Figurer', description: 'Bilder som avsnitten visar med ::figur{id=…}.' })),
    targetGroups: S.Optional(S.Array(TargetGroup, { title: 'Målgrupper', description: 'Prioriterade målgrupper.' })),
    commitments: S.Optional(S.Array(Commitment, { title: 'Åtaganden', description: 'Gemensamma åtaganden och åtaganden per part.' })),
  },
  { additionalProperties: false, title: 'Överenskommelse', description: 'agreement.yaml: en överenskommelses parter, giltighet, beslut, underskrifter och dokument.' },
);

// ---------------------------------------------------------------- goals.yaml

export const Target = S.Union(
  [
    S.Object({
      type: S.Literal('percent'),
      value: S.Number({ title: 'Procent', description: 'Målvärde i procent, 0–100.' }),
      operator: S.Optional(S.Union([S.Literal('minst'), S.Literal('högst'), S.Literal('exakt')], { title: 'Jämförelse', description: 'minst, högst eller exakt.' })),
    }, { additionalProperties: false, title: 'Procentmål' }),
    S.Object({
      type: S.Literal('number'),
      value: S.Number({ title: 'Antal', description: 'Målvärde som tal.' }),
      unit: S.Optional(Text('Enhet', 'Vad som räknas, t.ex. "jobbspår" eller "individer".')),
      operator: S.Optional(S.Union([S.Literal('minst'), S.Literal('högst'), S.Literal('exakt')], { title: 'Jämförelse', description: 'minst, högst eller exakt.' })),
    }, { additionalProperties: false, title: 'Antalsmål' }),
    S.Object({
      type: S.Literal('comparison'),
      direction: S.Union([S.Literal('öka'), S.Literal('minska')], { title: 'Riktning', description: 'öka eller minska.' }),
      baseline: S.Optional(Text('Jämfört med', 'Vad som jämförs med, t.ex. "föregående år".')),
    }, { additionalProperties: false, title: 'Jämförelsemål' }),
  ],
  { title: 'Målvärde', description: 'Ett tal, en procentsats eller en jämförelse med föregående period.' },
);

export const Indicator = S.Object(
  {
    id: Id,
    text: Text('Indikator', 'Indikatorns text så som den står i överenskommelsen.'),
    target: S.Optional(Target),
    measure: S.Optional(Text('Mätning', 'Hur indikatorn mäts.')),
  },
  { additionalProperties: false, title: 'Indikator', description: 'En indikator med målvärde.' },
);

export const GoalLevel = S.Union(
  [S.Literal('overgripande'), S.Literal('effektmal'), S.Literal('strategiskt'), S.Literal('individmal'), S.Literal('lokalt')],
  { title: 'Målnivå', description: 'overgripande, effektmal, strategiskt, individmal eller lokalt.' },
);

export const Goal = S.Object(
  {
    id: Id,
    level: GoalLevel,
    area: S.Optional(S.String({ minLength: 1, title: 'Område', description: 'Id för målområdet i areas.' })),
    label: S.Optional(Text('Beteckning', 'Beteckning före målet, t.ex. "Mål 1" eller "1.".')),
    text: Text('Mål', 'Målets text.'),
    target: S.Optional(Target),
    parent: S.Optional(S.String({ minLength: 1, title: 'Övermål', description: 'Id för målet som detta mål hör under.' })),
    parties: S.Optional(S.Array(S.String({ minLength: 1 }), { title: 'Berörda parter', description: 'Id för de parter som målet särskilt gäller; visas i overens party.' })),
    indicators: S.Optional(S.Array(Indicator, { title: 'Indikatorer', description: 'Indikatorer som följer upp målet.' })),
  },
  { additionalProperties: false, title: 'Mål', description: 'Ett mål i målhierarkin.' },
);

export const GoalArea = S.Object(
  { id: Id, title: Text('Rubrik', 'Områdets rubrik, t.ex. "För etablering för nyanlända".') },
  { additionalProperties: false, title: 'Målområde' },
);

export const FollowUpItem = S.Object(
  {
    id: Id,
    kind: S.Union([S.Literal('indikator'), S.Literal('rapport')], { title: 'Slag', description: 'indikator eller rapport.' }),
    text: Text('Text', 'Indikatorn eller rapporten.'),
  },
  { additionalProperties: false, title: 'Uppföljningspunkt' },
);

export const GoalsFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    areas: S.Optional(S.Array(GoalArea, { title: 'Målområden', description: 'Områden som målen grupperas under.' })),
    goals: S.Array(Goal, { title: 'Mål', description: 'Alla mål i ordning.' }),
    followUp: S.Optional(S.Object(
      {
        breakdown: S.Optional(TextList('Uppdelning', 'Hur uppföljningen delas upp, t.ex. "kön".')),
        items: S.Array(FollowUpItem, { title: 'Indikatorer och rapporter' }),
      },
      { additionalProperties: false, title: 'Uppföljning', description: 'Indikatorer och rapporter för uppföljning.' },
    )),
  },
  { additionalProperties: false, title: 'Mål och indikatorer', description: 'goals.yaml: målhierarkin med indikatorer och målvärden.' },
);

// ---------------------------------------------------------------- organisation.yaml

const Cell = S.Union([S.String(), S.Array(S.String({ minLength: 1 }))], { title: 'Cell', description: 'En text eller en lista av texter.' });

export const Table = S.Object(
  {
    id: Id,
    caption: Text('Tabellrubrik', 'Tabellens rubrik (visas för skärmläsare och i PDF).'),
    columns: S.Array(S.String({ minLength: 1 }), { minItems: 1, title: 'Kolumner', description: 'Kolumnrubriker.' }),
    rows: S.Array(S.Array(Cell), { title: 'Rader', description: 'En lista per rad, en cell per kolumn.' }),
  },
  { additionalProperties: false, title: 'Tabell', description: 'En tabell vars celler kan hålla listor.' },
);

const ListStyle = S.Union(LIST_STYLES.map((l) => S.Literal(l)), {
  title: 'Liststil',
  description: 'Hur listans punkter märks: punkter (•), nummer (1.), 1), A), a) eller ». Utelämnat: punkter.',
});

export const Group = S.Object(
  {
    id: Id,
    name: Text('Namn', 'Gruppens eller rollens namn, t.ex. "Styrgruppen".'),
    kind: S.Optional(S.Union([S.Literal('grupp'), S.Literal('roll')], { title: 'Slag' })),
    members: S.Optional(TextList('Består av', 'Vilka som ingår.')),
    chair: S.Optional(Text('Ordförande', 'Vem som är sammankallande eller ordförande.')),
    meets: S.Optional(Text('Möten', 'Hur ofta gruppen träffas.')),
    responsibilities: S.Optional(TextList('Ansvar', 'Vad gruppen eller rollen ansvarar för.')),
    listStyle: S.Optional(ListStyle),
  },
  { additionalProperties: false, title: 'Grupp eller roll' },
);

export const ProcessStep = S.Object(
  {
    id: S.Optional(Id),
    title: Text('Steg', 'Stegets namn.'),
    text: S.Optional(Text('Beskrivning', 'Vad steget innehåller.')),
    parties: S.Optional(S.Array(S.String({ minLength: 1 }), {
      minItems: 1,
      title: 'Inblandade',
      description: 'Id för parterna (organisationerna under parties: i agreement.yaml) eller grupperna (groups: här) som deltar i steget. Var och en får en egen bana i samverkanskartan.',
    })),
    next: S.Optional(S.Array(S.String({ minLength: 1 }), {
      title: 'Nästa steg',
      description: 'Id för stegen som följer. Utelämnat: nästa steg i listan. [] när steget är sist.',
    })),
  },
  { additionalProperties: false, title: 'Processteg' },
);

export const Process = S.Object(
  {
    id: Id,
    title: Text('Rubrik', 'Processens namn.'),
    kind: S.Optional(S.Union([S.Literal('lista'), S.Literal('flode'), S.Literal('trappa')], {
      title: 'Slag av process',
      description: 'lista (bara numrerad lista), flode (samverkanskarta med en bana per part) eller trappa (steg som bygger på varandra). Utelämnat: flode när något steg anger parties eller next, annars lista.',
    })),
    steps: S.Array(ProcessStep, { minItems: 1, title: 'Steg' }),
  },
  { additionalProperties: false, title: 'Process', description: 'En individprocess eller arbetsprocess i steg.' },
);

export const OrganisationFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    groups: S.Optional(S.Array(Group, { title: 'Grupper och roller' })),
    tables: S.Optional(S.Array(Table, { title: 'Tabeller' })),
    processes: S.Optional(S.Array(Process, { title: 'Processer' })),
  },
  { additionalProperties: false, title: 'Organisering', description: 'organisation.yaml: grupper, roller, tabeller och processer.' },
);

// ---------------------------------------------------------------- job-tracks.yaml

export const JobTrack = S.Object(
  {
    id: Id,
    name: Text('Namn', 'Jobbspårets namn.'),
    municipality: S.Optional(S.String({ minLength: 1, title: 'Kommun', description: 'Id för kommunen i organisationsregistret.' })),
    status: S.Optional(S.Union([S.Literal('aktivt'), S.Literal('under-utveckling')], { title: 'Status' })),
    courseWeeks: S.Optional(S.Integer({ minimum: 1, maximum: 520, title: 'Kurstid (veckor)' })),
    participantsPerYear: S.Optional(S.Integer({ minimum: 0, title: 'Deltagare per år' })),
    participantsYear: S.Optional(S.Integer({ minimum: 1990, maximum: 2200, title: 'Deltagare avser år' })),
    participantsPlanned: S.Optional(S.Boolean({ title: 'Planerat antal', description: 'true när antalet deltagare är planerat.' })),
    employers: S.Optional(TextList('Medverkande arbetsgivare', 'Arbetsgivare som medverkar.')),
    educationProviders: S.Optional(TextList('Utbildningsanordnare', 'Medverkande utbildningsanordnare.')),
    prerequisites: S.Optional(Text('Förkunskaper', 'Krav på förkunskaper.')),
    description: S.Optional(Text('Beskrivning', 'Övrig beskrivning (Markdown).')),
  },
  { additionalProperties: false, title: 'Jobbspår' },
);

export const JobTracksFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    jobTracks: S.Array(JobTrack, { title: 'Jobbspår' }),
  },
  { additionalProperties: false, title: 'Jobbspår', description: 'job-tracks.yaml: lokala jobbspår.' },
);

// ---------------------------------------------------------------- budget.yaml

const Amounts = S.Record(S.String({ pattern: '^[0-9]{4}$' }), S.Number(), { title: 'Belopp per år', description: 'År: belopp i kronor, t.ex. 2023: 1200000.' });

export const BudgetFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    years: S.Array(S.Integer({ minimum: 1990, maximum: 2200 }), { minItems: 1, title: 'År' }),
    lines: S.Array(
      S.Object({ id: Id, label: Text('Post', 'Budgetpostens namn.'), amounts: Amounts }, { additionalProperties: false, title: 'Budgetpost' }),
      { title: 'Budgetposter' },
    ),
    contributions: S.Optional(S.Array(
      S.Object({ party: S.String({ minLength: 1, title: 'Part' }), amounts: Amounts }, { additionalProperties: false, title: 'Medlemsbidrag' }),
      { title: 'Medlemsbidrag', description: 'Medlemmarnas bidrag per år.' },
    )),
  },
  { additionalProperties: false, title: 'Budget', description: 'budget.yaml: budget per år och medlemmarnas bidrag.' },
);

// ---------------------------------------------------------------- section front matter

export const SectionFrontMatter = S.Object(
  {
    id: Id,
    title: Text('Rubrik', 'Avsnittets rubrik.'),
    level: S.Optional(S.Integer({ minimum: 1, maximum: 4, title: 'Rubriknivå', description: '1 för huvudavsnitt, 2 för underavsnitt osv.' })),
    numbered: S.Optional(S.Boolean({ title: 'Numrerad', description: 'false om rubriken inte ska ha nummer.' })),
    pageBreak: S.Optional(S.Boolean({ title: 'Ny sida', description: 'true om avsnittet ska börja på en ny sida.' })),
  },
  { additionalProperties: false, title: 'Avsnitt', description: 'Huvudet (front matter) i en Markdown-fil.' },
);

// ---------------------------------------------------------------- register.yaml

export const RegisterEntry = S.Object(
  {
    revision: S.String({ minLength: 1, maxLength: 40, title: 'Revision', description: 'Revisionens namn så som det stod i agreement.yaml när den antogs, t.ex. "2023".' }),
    date: S.String({ format: 'date', title: 'Beslutsdatum', description: 'Dagen då revisionen antogs, ÅÅÅÅ-MM-DD.' }),
    body: Text('Beslutande organ', 'Vem som fattade beslutet, t.ex. "Samordningsförbundets styrelse".'),
    commit: S.String({ pattern: '^[0-9a-f]{40}([0-9a-f]{24})?$', title: 'Commit', description: 'Git-commit vars källor beslutades (40 hexsiffror). overens diff jämför som standard mot den.' }),
    sourceHash: S.String({ pattern: '^[0-9a-f]{64}$', title: 'Källornas hash', description: 'sha256 över källorna (samma hash som står på varje PDF-sida, här i full längd).' }),
    pdfSha256: S.String({ pattern: '^[0-9a-f]{64}$', title: 'PDF:ens sha256', description: 'sha256 över exakt den PDF som beslutades; overens verify jämför en PDF med den.' }),
    pdfFile: S.Optional(S.String({ minLength: 1, maxLength: 300, title: 'PDF-fil', description: 'PDF:ens namn i output/, t.ex. umearegionen/umearegionen-2023.pdf.' })),
  },
  { additionalProperties: false, title: 'Antagen revision', description: 'En revision som har antagits: beslutet, källornas commit och hash och PDF:ens sha256.' },
);

export const RegisterFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    adopted: S.Array(RegisterEntry, { title: 'Antagna revisioner', description: 'Antagna revisioner i den ordning de antogs. Skrivs av overens adopt; ändra inte för hand.' }),
  },
  { additionalProperties: false, title: 'Register över antagna revisioner', description: 'register.yaml: vilka revisioner som har antagits, av vem och när, och exakt vilka källor och vilken PDF som beslutades.' },
);

// ---------------------------------------------------------------- outcomes.yaml

export const OutcomeValue = S.Object(
  {
    year: S.Integer({ minimum: 1990, maximum: 2200, title: 'År', description: 'Året som värdet gäller, t.ex. 2023.' }),
    value: S.Number({ title: 'Värde', description: 'Det uppmätta värdet: en procentsats (0–100) eller ett antal.' }),
    unit: Text('Enhet', '"%" för procentmål, annars det som räknas, samma som målvärdets enhet, t.ex. "jobbspår".'),
    source: Text('Källa', 'Var värdet kommer ifrån, t.ex. "SCB", "Ladok" eller "egen uppföljning".'),
    measured: S.String({ format: 'date', title: 'Mätdatum', description: 'Dagen då värdet togs fram, ÅÅÅÅ-MM-DD.' }),
    comment: S.Optional(Text('Kommentar', 'Förklaring till värdet, t.ex. ändrad mätmetod.')),
  },
  { additionalProperties: false, title: 'Utfall', description: 'Ett års uppmätta värde för en indikator.' },
);

export const IndicatorOutcomes = S.Object(
  {
    indicator: S.String({ minLength: 1, title: 'Indikator', description: 'Id för indikatorn i goals.yaml, eller för ett mål som har ett eget målvärde (target:).' }),
    values: S.Array(OutcomeValue, { minItems: 1, title: 'Värden per år', description: 'Ett värde per år; för ett jämförelsemål ("ska minska jämfört med föregående år") behövs även föregående års värde.' }),
  },
  { additionalProperties: false, title: 'Utfall för en indikator' },
);

export const OutcomesFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    note: S.Optional(Text('Anmärkning', 'Visas överst i uppföljningsrapporten, t.ex. "Preliminära siffror för 2023".')),
    outcomes: S.Array(IndicatorOutcomes, { title: 'Utfall', description: 'Uppmätta värden per indikator och år.' }),
  },
  { additionalProperties: false, title: 'Utfall', description: 'outcomes.yaml: uppmätta värden för överenskommelsens indikatorer, underlag för overens report.' },
);

// ---------------------------------------------------------------- cycle.yaml (årshjulet)

export const Milestone = S.Object(
  {
    id: Id,
    title: Text('Rubrik', 'Vad som ska ske, t.ex. "Förslag till styrelsen".'),
    day: S.Integer({ minimum: 1, maximum: 31, title: 'Dag', description: 'Dag i månaden, 1–31.' }),
    month: S.Integer({ minimum: 1, maximum: 12, title: 'Månad', description: 'Månadens nummer, 1 = januari, 12 = december.' }),
    yearOffset: S.Optional(S.Integer({ minimum: -1, maximum: 0, title: 'År före beslutet', description: '0 (standard) = samma år som beslutet, -1 = året före beslutet.' })),
    description: S.Optional(Text('Beskrivning', 'Vad som ingår, vem som ansvarar.')),
  },
  { additionalProperties: false, title: 'Hållpunkt', description: 'En hållpunkt i årshjulet, ett datum i beslutsåret.' },
);

export const CycleFile = S.Object(
  {
    $schema: S.Optional(S.String()),
    milestones: S.Array(Milestone, { minItems: 1, title: 'Hållpunkter', description: 'Årshjulets hållpunkter inför beslutet om nästa revision.' }),
  },
  { additionalProperties: false, title: 'Årshjul', description: 'cycle.yaml: årshjulet inför den årliga revisionen, i en överenskommelses mapp eller gemensamt i agreements/cycle.yaml.' },
);

/** Every kind of YAML source file, by its schema name. */
export const fileSchemas = {
  organisations: OrganisationsFile,
  agreement: AgreementFile,
  goals: GoalsFile,
  organisation: OrganisationFile,
  'job-tracks': JobTracksFile,
  budget: BudgetFile,
  register: RegisterFile,
  section: SectionFrontMatter,
  outcomes: OutcomesFile,
  cycle: CycleFile,
} as const;

export type FileKind = keyof typeof fileSchemas;
export type OrganisationsFileData = Static<typeof OrganisationsFile>;
export type OrganisationData = Static<typeof Organisation>;
export type AgreementFileData = Static<typeof AgreementFile>;
export type PartyData = Static<typeof Party>;
export type SignatoryData = Static<typeof Signatory>;
export type DocumentPartData = Static<typeof DocumentPart>;
export type FigureData = Static<typeof Figure>;
export type GoalsFileData = Static<typeof GoalsFile>;
export type GoalData = Static<typeof Goal>;
export type IndicatorData = Static<typeof Indicator>;
export type TargetData = Static<typeof Target>;
export type OrganisationFileData = Static<typeof OrganisationFile>;
export type TableData = Static<typeof Table>;
export type JobTracksFileData = Static<typeof JobTracksFile>;
export type JobTrackData = Static<typeof JobTrack>;
export type BudgetFileData = Static<typeof BudgetFile>;
export type SectionFrontMatterData = Static<typeof SectionFrontMatter>;
export type RegisterFileData = Static<typeof RegisterFile>;
export type RegisterEntryData = Static<typeof RegisterEntry>;
export type OutcomesFileData = Static<typeof OutcomesFile>;
export type OutcomeValueData = Static<typeof OutcomeValue>;
export type CycleFileData = Static<typeof CycleFile>;
export type MilestoneData = Static<typeof Milestone>;
export type ProcessData = Static<typeof Process>;
