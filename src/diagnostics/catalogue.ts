/**
 * The catalogue of every diagnostic a user can meet: a permanent code, its severity, a Swedish
 * message built from the facts, and a hint that says what to do. Codes never change meaning;
 * retire a code rather than reuse it.
 */

/** How serious a diagnostic is; `fel` fails validation, the others only inform. */
export type Severity = 'fel' | 'varning' | 'notering';

type Facts = Record<string, string | number>;

interface Entry {
  severity: Severity;
  message: (f: Facts) => string;
  hint: (f: Facts) => string;
}

const entry = (severity: Severity, message: Entry['message'], hint: Entry['hint']): Entry => ({ severity, message, hint });

/** Every diagnostic code with its severity, message and hint. */
export const catalogue = {
  // Reading files
  'fil-saknas': entry('fel', (f) => `Filen ${f.path} finns inte.`, (f) => `Skapa filen eller rätta sökvägen${f.where ? ` i ${f.where}` : ''}.`),
  'fil-tom': entry('fel', () => 'Filen är tom.', () => 'Fyll i innehållet eller ta bort filen och hänvisningen till den.'),
  'fil-for-stor': entry('fel', (f) => `Filen är ${f.size} byte, mer än ${f.limit} byte, och kan inte vara en del av en överenskommelse.`, () => 'Dela upp innehållet i flera filer, eller kontrollera att rätt fil har hamnat här.'),
  'fil-inte-utf8': entry('fel', () => 'Filen är inte sparad som UTF-8, så å, ä och ö kan bli fel.', () => 'Spara filen som UTF-8 i din textredigerare (i VS Code: klicka på kodningen längst ned och välj "Save with Encoding" → UTF-8).'),
  'fil-binar': entry('fel', () => 'Filen innehåller binära data och är ingen textfil.', () => 'Kontrollera att rätt fil har hamnat här.'),
  'sokvag-utanfor': entry('fel', (f) => `Sökvägen "${f.path}" pekar utanför ${f.root}.`, () => 'Lägg filen i överenskommelsens mapp och hänvisa till den med en relativ sökväg utan "..".'),
  'ingen-overenskommelse': entry('fel', (f) => `Hittade ingen överenskommelse i ${f.path}.`, (f) => `${f.suggest ? `Menade du "${f.suggest}"? ` : ''}Ange en mapp som innehåller agreements/ eller en överenskommelses mapp med agreement.yaml.`),
  // YAML
  'yaml-syntax': entry('fel', (f) => `YAML-filen går inte att läsa: ${f.detail}.`, () => 'Kontrollera indrag, kolon efter varje nyckel och citattecken runt text som innehåller kolon eller #.'),
  'yaml-dubblett-nyckel': entry('fel', (f) => `Nyckeln "${f.key}" förekommer två gånger i samma del.`, () => 'Ta bort eller byt namn på den ena, annars gäller bara en av dem.'),
  'yaml-tabb': entry('fel', () => 'Indraget är gjort med tabb. YAML tillåter bara mellanslag för indrag.', () => 'Byt tabben mot mellanslag (i VS Code: "Convert Indentation to Spaces").'),
  'yaml-hanvisning': entry('fel', (f) => (f.missing ? `Hänvisningen *${f.name} pekar på ett ankare &${f.name} som inte finns ovanför den.` : `Hänvisningarna (*${f.name} m.fl.) blir för många när de fylls i.`), (f) => (f.missing ? `Skriv ankaret &${f.name} på värdet som ska återanvändas, före hänvisningen, och kontrollera stavningen; eller skriv ut värdet i stället för *${f.name}.` : 'Skriv ut värdena i stället för att hänvisa till dem med *; hänvisningar i hänvisningar växer snabbt.')),
  'yaml-inget-objekt': entry('fel', () => 'Filen ska innehålla nycklar och värden (ett objekt), men innehåller något annat.', () => 'Jämför med en av de färdiga överenskommelserna under agreements/.'),
  // Schema
  'falt-saknas': entry('fel', (f) => `Fältet "${f.field}" saknas${f.in ? ` i ${f.in}` : ''}.`, (f) => `Lägg till ${f.field}: ${f.description ? `(${f.description})` : 'med ett värde'}.`),
  'falt-okant': entry('fel', (f) => `Fältet "${f.field}" finns inte${f.in ? ` i ${f.in}` : ''}.`, (f) => `Kontrollera stavningen. Tillåtna fält här: ${f.allowed}.`),
  'fel-typ': entry('fel', (f) => `${f.label} ska vara ${f.expected}, men är ${f.actual}.`, (f) => `${f.description || 'Rätta värdet.'}`),
  'ogiltigt-varde': entry('fel', (f) => `${f.label} har ett ogiltigt värde: ${f.detail}.`, (f) => `${f.description || 'Rätta värdet.'}`),
  'ogiltigt-id': entry('fel', (f) => `Id "${f.value}" är inte tillåtet.`, () => 'Ett id får bara innehålla små bokstäver a–z, siffror och bindestreck, t.ex. "umea-kommun" (skriv a för å och ä, o för ö).'),
  'ogiltigt-datum': entry('fel', (f) => `"${f.value}" är inget giltigt datum.`, () => 'Skriv datum som ÅÅÅÅ-MM-DD och kontrollera att dagen finns, t.ex. 2023-11-30.'),
  // Organisation numbers
  'orgnr-format': entry('fel', (f) => `Organisationsnumret "${f.value}" har inte tio siffror.`, () => 'Skriv organisationsnumret som 212000-2627 (sex siffror, bindestreck, fyra siffror).'),
  'orgnr-kontrollsiffra': entry('fel', (f) => `Organisationsnumret ${f.value} har fel kontrollsiffra (ska sluta på ${f.expected}).`, () => 'Kontrollera numret mot Bolagsverket eller organisationens webbplats; troligen är en siffra felskriven.'),
  'orgnr-dubblett': entry('fel', (f) => `Organisationsnumret ${f.value} används redan av "${f.other}".`, () => 'Varje organisation ska finnas en gång i registret; hänvisa till den befintliga.'),
  // Identity and references
  'id-dubblett': entry('fel', (f) => `Id "${f.id}" används redan för ${f.other}.`, () => 'Ge varje post ett eget id; id används för att jämföra revisioner.'),
  'okand-organisation': entry('fel', (f) => `Organisationen "${f.id}" finns inte i agreements/organisations.yaml.`, (f) => `Lägg till den i registret eller rätta id:t.${f.suggest ? ` Menade du "${f.suggest}"?` : ''}`),
  'okand-part': entry('fel', (f) => `"${f.id}" är ingen part i överenskommelsen.`, (f) => `Lägg till parten under parties: i agreement.yaml eller rätta id:t.${f.suggest ? ` Menade du "${f.suggest}"?` : ''}`),
  'okant-mal': entry('fel', (f) => `Målet "${f.id}" finns inte i goals.yaml.`, () => 'Rätta id:t eller lägg till målet.'),
  'okant-omrade': entry('fel', (f) => `Målområdet "${f.id}" finns inte under areas: i goals.yaml.`, () => 'Lägg till området under areas: eller rätta id:t.'),
  'okand-fotnot': entry('fel', (f) => `Fotnoten [^${f.id}] har ingen definition.`, (f) => `Skriv definitionen "[^${f.id}]: text" i en av dokumentets Markdown-filer.`),
  'fotnot-oanvand': entry('fel', (f) => `Fotnoten [^${f.id}] är definierad men används inte.`, (f) => `Hänvisa till den med [^${f.id}] i texten, eller ta bort definitionen.`),
  'okand-figur': entry('fel', (f) => `Figuren "${f.id}" finns inte under figures: i agreement.yaml.`, () => 'Lägg till figuren eller rätta id:t.'),
  'okand-tabell': entry('fel', (f) => `Tabellen "${f.id}" finns inte i organisation.yaml.`, () => 'Lägg till tabellen under tables: eller rätta id:t.'),
  'okand-grupp': entry('fel', (f) => `Gruppen eller rollen "${f.id}" finns inte i organisation.yaml.`, () => 'Lägg till den under groups: eller rätta id:t.'),
  'okand-process': entry('fel', (f) => `Processen "${f.id}" finns inte i organisation.yaml.`, () => 'Lägg till den under processes: eller rätta id:t.'),
  'okant-jobbspar': entry('fel', (f) => `Jobbspåret "${f.id}" finns inte i job-tracks.yaml.`, () => 'Lägg till det eller rätta id:t.'),
  'data-saknas': entry('fel', (f) => `::${f.directive} visar ${f.what}, men överenskommelsen saknar ${f.what}.`, (f) => `Lägg till ${f.file} eller ta bort raden ::${f.directive}.`),
  'okant-direktiv': entry('fel', (f) => `::${f.name} är inget känt inslag.`, (f) => `Kända inslag: ${f.known}.`),
  'direktiv-attribut': entry('fel', (f) => `::${f.name} saknar eller har fel attribut: ${f.detail}.`, (f) => `Skriv t.ex. ${f.example}.`),
  'bilaga-nummer': entry('fel', (f) => `Bilagan "${f.id}" har nummer ${f.actual}, men ska ha nummer ${f.expected} efter sin plats i listan.`, () => 'Numrera bilagorna 1, 2, 3 … i den ordning de står under bilagor:.'),
  'frontmatter-saknas': entry('fel', () => 'Markdown-filen saknar huvud (front matter) med id och title.', () => 'Börja filen med\n---\nid: avsnittets-id\ntitle: Avsnittets rubrik\n---'),
  'avsnitt-dubblett': entry('fel', (f) => `Avsnittsfilen ${f.path} finns två gånger i dokumentlistorna.`, () => 'Ta bort den ena hänvisningen.'),
  'avsnitt-oanvant': entry('varning', (f) => `Markdown-filen ${f.path} ingår inte i något dokument.`, () => 'Lägg till den under sections: i agreement.yaml, eller ta bort den.'),
  // Dates
  'datum-ordning': entry('fel', (f) => `Giltigheten börjar ${f.from}, efter att den slutar ${f.to}.`, () => 'Byt plats på datumen eller rätta det ena.'),
  'beslutsfrist-efter-slut': entry('fel', (f) => `Nästa beslut ska tas senast ${f.deadline}, men giltigheten slutar redan ${f.to}.`, () => 'Sätt nextDecisionBy före periodens slut, t.ex. den 30 november året innan.'),
  revideringstext: entry('fel', (f) => `Meningen om nästa revision (validity.nextDecisionText) ${f.detail}.`, () => 'Skriv meningen med {datum} där datumet ska stå, t.ex. nextDecisionText: "Nästa revidering sker {datum}.", och datumet i nextDecisionBy. Då kontrolleras datumet och overens revision new flyttar det.'),
  'beslut-efter-start': entry('varning', (f) => `Beslutet fattades ${f.date}, efter att giltigheten började ${f.from}.`, () => 'Kontrollera datumen; en överenskommelse bör beslutas innan den börjar gälla.'),
  'underskrift-efter-start': entry('varning', (f) => `${f.name} skriver under ${f.date}, efter att giltigheten började ${f.from}.`, () => 'Kontrollera datumet, eller notera i texten att överenskommelsen gäller retroaktivt.'),
  // Parties and signatures
  'underskrift-saknas': entry('fel', (f) => `Parten ${f.party} har ingen undertecknare.`, () => 'Lägg till en undertecknare under signatories:, eller ange parten som beslutande organ (role: beslutande och decision.party).'),
  'underskrift-del': entry('notering', (f) => `${f.name} skriver under för ${f.party} endast ${f.scope}.`, () => 'Ingen åtgärd behövs; omfattningen står vid underskriften.'),
  'part-dubblett': entry('fel', (f) => `Organisationen "${f.id}" står två gånger bland parterna.`, () => 'Ta bort den ena.'),
  'finsam-medlem-saknas': entry('fel', (f) => `En Finsam-överenskommelse ska ha ${f.what} som medlem, men har ingen.`, () => 'Enligt lag (2003:1210) om finansiell samordning ska Försäkringskassan, Arbetsförmedlingen, minst en region och minst en kommun vara medlemmar (finsamMember: true).'),
  'finsam-fordelning': entry('fel', (f) => `Medlemsbidragen ${f.year} fördelas ${f.actual}, inte 50 % staten, 25 % region, 25 % kommuner.`, () => 'Enligt 17 § lag (2003:1210) om finansiell samordning betalar staten (genom Försäkringskassan) hälften, regionen en fjärdedel och kommunerna en fjärdedel.'),
  // Building
  'extern-resurs': entry('fel', (f) => `Dokumentet försökte hämta ${f.url}, något som bygget aldrig tillåter.`, () => 'Ta bort hänvisningen till den externa resursen (bild, typsnitt, skript eller ram) ur mallen eller texten; bilder läggs in som figurer i agreement.yaml.'),
  'procent-utanfor': entry('fel', (f) => `Målvärdet ${f.value} % ligger utanför 0–100 %.`, () => 'Ett procentmål måste vara mellan 0 och 100.'),
  // Comparing revisions (overens diff)
  'diff-okand-revision': entry('fel', (f) => `"${f.rev}" är varken en git-revision, en projektmapp eller en överenskommelse${f.detail ? ` (${f.detail})` : ''}.`, () => 'Ange en tagg, gren eller commit (t.ex. v2023, main eller HEAD~1), en mapp som innehåller agreements/, eller namnet på en överenskommelse under agreements/.'),
  'diff-ange-overenskommelse': entry('fel', () => 'Ange vilken överenskommelse som ska jämföras.', () => 'Skriv t.ex. overens diff umearegionen --from v2023, eller stå i överenskommelsens mapp.'),
  'diff-saknas': entry('fel', (f) => `Överenskommelsen ${f.name} finns inte i ${f.side}.`, (f) => `Kontrollera namnet (mappen under agreements/)${f.other ? `; den finns i ${f.other}` : ''}. Jämför två revisioner där överenskommelsen finns.`),
  'diff-ogiltig': entry('fel', (f) => `${f.name} i ${f.side} går inte att läsa in: ${f.count} fel (listade nedan).`, () => 'Rätta felen i den revisionen, eller jämför mot en revision som går att läsa in. Ändringar kan bara visas mellan två revisioner som båda klarar overens validate.'),
  // Yearly revision and status
  'revision-ogiltigt-ar': entry('fel', (f) => `"${f.value}" är inget årtal.`, () => 'Ange året för den nya revisionen med fyra siffror, t.ex. overens revision new umearegionen 2024.'),
  'revision-inte-senare': entry('fel', (f) => `Året ${f.year} är inte efter den nuvarande revisionen ${f.current}.`, (f) => `En ny revision ska gälla ett senare år, t.ex. ${f.next}. Står redan ${f.current} i revision.id är revisionen förberedd; ändra då bara i texten.`),
  'revision-har-fel': entry('fel', (f) => `${f.name} har ${f.count} fel, så nästa revision förbereds inte.`, (f) => `Rätta felen först (overens validate agreements/${f.name}), så att förslaget utgår från en överenskommelse som går att läsa in.`),
  'revision-omformaterad': entry('notering', () => 'agreement.yaml skrivs inte ut tecken för tecken som förut, så fler rader än de ändrade kan skilja sig.', () => 'Granska ändringen med git diff innan du skickar in den; indrag eller radbrytningar kan ha ändrats.'),
  'status-beslutsfrist-fel': entry('varning', (f) => `Beslutet${f.for ? ` om ${f.for}` : ''} ska fattas senast ${f.deadline}, om ${f.days} ${f.days === 1 ? 'dag' : 'dagar'}, men förslaget har ${f.count} fel.`, (f) => `Rätta felen (overens validate agreements/${f.name}) så att styrelsen hinner besluta; med --strict ger overens status slutkod 1 så länge felen finns.`),
  'status-ogiltigt-datum': entry('fel', (f) => `--today ${f.value} är inget giltigt datum.`, () => 'Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. --today 2024-11-10.'),
  // Adoption and verification
  'antagning-inte-git': entry('fel', (f) => `${f.path} ligger inte i något git-förråd, så antagningen kan inte peka ut exakt vilka källor som beslutades.`, () => 'Kör overens adopt i en klon av förrådet med överenskommelserna (git clone …).'),
  'antagning-ej-incheckad': entry('fel', (f) => `${f.name} har ändringar som inte är incheckade: ${f.files}.`, () => 'Registret ska peka ut exakt de källor som beslutades. Checka in ändringarna (git add och git commit) eller ångra dem, och kör overens adopt igen.'),
  'antagning-finns-redan': entry('fel', (f) => `Revision ${f.revision} av ${f.name} är redan antagen (${f.date}, ${f.body}).`, () => 'Varje revision antas en gång. Ange --replace om den tidigare posten var fel och ska ersättas, eller förbered en ny revision med ett nytt revision.id.'),
  'antagning-organ-saknas': entry('fel', (f) => `Det framgår inte vem som antog ${f.name}.`, () => 'Ange det beslutande organet med --body "Samordningsförbundets styrelse", eller skriv det under decision.body i agreement.yaml.'),
  'antagning-ogiltigt-datum': entry('fel', (f) => `--date ${f.value} är inget giltigt datum.`, () => 'Skriv beslutsdatumet som ÅÅÅÅ-MM-DD, t.ex. --date 2023-11-24.'),
  'antagning-pdf-saknas': entry('fel', (f) => `PDF:en för ${f.name} kunde inte byggas, så det finns inget att registrera som beslutat.`, () => 'Installera Chromium (apt-get install chromium) eller ange PUPPETEER_EXECUTABLE_PATH, och kör overens adopt igen.'),
  'diff-ingen-antagen': entry('fel', (f) => `${f.name} har ingen antagen revision i register.yaml att jämföra med.`, (f) => `Ange vad som ska jämföras med --from (t.ex. --from v2023 eller --from HEAD), eller registrera den antagna revisionen med overens adopt ${f.name} --date ÅÅÅÅ-MM-DD.`),
  'verifiera-inte-pdf': entry('fel', (f) => `${f.path} ${f.missing ? 'finns inte' : 'är ingen PDF'}.`, () => 'Ange sökvägen till en PDF-fil, t.ex. overens verify output/umearegionen/umearegionen-2023.pdf.'),
  // Limits on Markdown (src/pipeline/markdown-limits.ts) and the last-resort catch
  'for-djup-nastling': entry('fel', (f) => `Texten har ${f.count} ${f.what} här; högst ${f.limit} nivåer går att bygga.`, () => 'Minska nästlingen: skriv citat, listor, betoningar och HTML-element högst några nivåer i varandra. Kontrollera om tecken som >, -, [, * eller <div> har kommit med av misstag, t.ex. vid kopiering.'),
  'for-komplex-markdown': entry('fel', (f) => `Texten har ${f.count} ${f.what}, fler än ${f.limit} som går att bygga.`, () => 'Dela upp raden eller ta bort upprepade tecken. Behövs tecknet som vanlig text, skriv ett \\ före det (t.ex. \\*).'),
  'kunde-inte-behandlas': entry('fel', (f) => `Filen kunde inte behandlas${f.stage ? ` (${f.stage})` : ''}: innehållet är för komplext för verktyget.`, () => 'Förenkla texten i filen, t.ex. djupt nästlade listor, citat eller HTML. Hjälper inte det, rapportera felet tillsammans med filen.'),
  // What the sanitiser removes (src/checks/sanitized.ts)
  'sanerat-bild': entry('varning', (f) => `Bilden ${f.what} tas bort när dokumentet byggs: bilder i texten visas aldrig.`, () => 'Lägg in bilden som figur: lägg filen i överenskommelsens mapp, beskriv den under figures: i agreement.yaml (id, caption, alt, file) och skriv ::figur{id=…} där den ska stå.'),
  'sanerat-html': entry('varning', (f) => `HTML-koden här tas bort när dokumentet byggs: ${f.what}.`, () => 'Skriv texten med Markdown i stället (t.ex. **fet**, *kursiv*, listor och tabeller). Id, klasser, stilar, skript och händelseattribut tas alltid bort; bilder läggs in som figurer (::figur{id=…}).'),
  'symbolisk-lank': entry('fel', (f) => `${f.path} är en symbolisk länk, inte en vanlig fil.`, () => 'Länkar följs aldrig, så att inget utanför förrådet kan hamna i en överenskommelse. Kopiera in filen som en vanlig fil i överenskommelsens mapp och hänvisa till den.'),
  // Consistency (src/checks/consistency.ts)
  'malvarde-text-skiljer': entry('varning', (f) => `${f.what ?? 'Indikatorns'} text säger ${f.text}${f.unit} men målvärdet (target.value) är ${f.value}${f.unit}.`, () => 'Rätta texten eller target.value så att de säger samma sak; målvärdet används i uppföljningen och i jämförelser mellan revisioner.'),
  'inte-part': entry('varning', (f) => `${f.name} nämns i ${f.what}, men är inte part i överenskommelsen.`, () => 'Ta bort innehållet om det är kvar från en annan överenskommelse eller från en part som har lämnat, eller lägg till organisationen under parties: i agreement.yaml.'),
  // CI
  'ci-okand-bas': entry('fel', (f) => `Basrevisionen "${f.rev}" går inte att jämföra med${f.detail ? ` (${f.detail})` : ''}.`, () => 'Hämta hela historiken i CI (actions/checkout med fetch-depth: 0, eller GIT_DEPTH: 0 i GitLab) och ange grenen som ändringen ska in i, t.ex. overens ci --base origin/main.'),
  'ci-antagen-saknas': entry('varning', (f) => `Den senast antagna revisionen ${f.revision} av ${f.name} (commit ${f.commit}) finns inte i git-historiken, så ändringarna visas mot ${f.base} i stället.`, () => 'Hämta hela historiken (fetch-depth: 0 eller GIT_DEPTH: 0), eller kontrollera commit i register.yaml.'),
  // Import from Word (overens import)
  'import-fil-saknas': entry('fel', (f) => `Filen ${f.path} finns inte.`, () => 'Kontrollera sökvägen till Word-filen, t.ex. overens import ~/Hämtade/overenskommelse.docx.'),
  'import-for-stor': entry('fel', (f) => `Filen är ${f.size} byte, mer än gränsen ${f.limit} byte för en Word-fil att importera.`, () => 'Kontrollera att det är rätt fil. Stora bilder gör filen stor: komprimera bilderna i Word (Arkiv → Komprimera bilder) och spara igen.'),
  'import-doc': entry('fel', () => 'Filen är i det gamla Word-formatet (.doc), som inte kan läsas.', () => 'Öppna filen i Word eller LibreOffice och spara den som Word-dokument (.docx): Arkiv → Spara som → Word-dokument (*.docx). Importera sedan .docx-filen.'),
  'import-odt': entry('fel', () => 'Filen är ett OpenDocument-dokument (.odt), inte ett Word-dokument (.docx).', () => 'Öppna filen i LibreOffice och spara den som Word: Arkiv → Spara som → Filtyp "Word 2007–365 (.docx)". Importera sedan .docx-filen.'),
  'import-pdf': entry('fel', () => 'Filen är en PDF. En PDF saknar rubriker, listor och fotnoter som går att läsa ut.', () => 'Importera Word-originalet (.docx) i stället. Finns bara PDF:en: öppna den i Word (Arkiv → Öppna), kontrollera texten och spara som .docx.'),
  'import-rtf': entry('fel', () => 'Filen är i RTF-format, inte ett Word-dokument (.docx).', () => 'Öppna filen i Word eller LibreOffice och spara den som Word-dokument (.docx).'),
  'import-inte-docx': entry('fel', (f) => `Filen är inget Word-dokument (.docx)${f.detail ? `: ${f.detail}` : ''}.`, () => 'Ange en fil som är sparad som Word-dokument (.docx). Öppna annars filen i Word eller LibreOffice och spara som .docx.'),
  'import-krypterad': entry('fel', () => 'Word-filen är skyddad med lösenord (krypterad), så innehållet går inte att läsa.', () => 'Öppna filen i Word med lösenordet, ta bort skyddet (Arkiv → Info → Skydda dokument → Kryptera med lösenord → töm fältet), spara och importera igen.'),
  'import-trasig': entry('fel', (f) => `Word-filen är skadad och går inte att läsa${f.detail ? ` (${f.detail})` : ''}.`, () => 'Öppna filen i Word (Word erbjuder att reparera den), spara den som en ny .docx och importera den.'),
  'import-zipbomb': entry('fel', (f) => `Word-filen packas upp till mer än den tillåtna storleken (${f.detail}); den ser ut som en så kallad zip-bomb.`, () => 'Importera inte filen. Be avsändaren om originalet, eller öppna den i Word och spara som en ny .docx om du litar på den.'),
  'import-sokvag-utanfor': entry('fel', (f) => `Word-filen innehåller delen "${f.path}" med en sökväg utanför arkivet.`, () => 'En riktig Word-fil innehåller aldrig sådana delar. Importera inte filen; be avsändaren om originalet.'),
  'import-mapp-finns': entry('fel', (f) => `Mappen ${f.path} finns redan, och importen skriver aldrig över en befintlig överenskommelse.`, () => 'Ange ett annat namn med --id, t.ex. --id mitt-kluster-2024, eller ta bort mappen först om den ska ersättas.'),
  'import-ogiltigt-id': entry('fel', (f) => `--id "${f.value}" går inte att använda som mappnamn.`, () => 'Använd små bokstäver a–z, siffror och bindestreck, t.ex. --id skelleftea-norsjo (a för å och ä, o för ö).'),
  'import-inget-projekt': entry('fel', (f) => `Hittade ingen mapp agreements/ i ${f.path}.`, () => 'Stå i projektmappen (den som innehåller agreements/) eller ange den med --project <mapp>.'),
  'import-ingen-text': entry('fel', () => 'Word-filen innehåller ingen text att importera.', () => 'Kontrollera att det är rätt fil; en skannad överenskommelse (bara bilder) måste skrivas in som text först.'),
  // Follow-up, samverkanskarta and årshjul (issue 13)
  'utfall-okand-indikator': entry('fel', (f) => `Indikatorn "${f.id}" finns inte i goals.yaml.`, (f) => `Skriv id:t för en indikator under indicators: i goals.yaml.${f.suggest ? ` Menade du "${f.suggest}"?` : ''}`),
  'utfall-enhet': entry('fel', (f) => `Enheten "${f.unit}" passar inte indikatorn "${f.id}": ${f.why}.`, (f) => `Skriv unit: "${f.expected}", eller rätta värdet om det är mätt på annat sätt.`),
  'utfall-ar-dubblett': entry('fel', (f) => `Året ${f.year} har redan ett värde för indikatorn "${f.id}" (rad ${f.other}).`, () => 'Ett värde per indikator och år: ta bort det ena eller rätta året.'),
  'utfall-utanfor': entry('fel', (f) => `Värdet ${f.value} ${f.unit} ligger utanför ${f.range}.`, (f) => `${f.why} Kontrollera värdet och enheten.`),
  'arshjul-ogiltigt-datum': entry('fel', (f) => `Den ${f.day} ${f.monthName} finns inte${f.leap ? ' varje år' : ''}.`, (f) => `${f.monthTitle} har ${f.max} dagar${f.feb ? ' (29 bara under skottår, så den 29:e finns inte varje år)' : ''}; välj en dag som finns, t.ex. den ${f.max} ${f.monthName}.`),
  'process-okand-part': entry('fel', (f) => `"${f.id}" är varken en part i överenskommelsen eller en grupp i organisation.yaml.`, (f) => `Ange id för en part (parties: i agreement.yaml) eller en grupp (groups: i organisation.yaml).${f.suggest ? ` Menade du "${f.suggest}"?` : ''}`),
  'process-okant-steg': entry('fel', (f) => `Nästa steg "${f.id}" finns inte i processen "${f.process}".`, (f) => `Ge steget id: ${f.id}, eller rätta id:t.${f.known ? ` Stegen i processen: ${f.known}.` : ' Inget steg i processen har id ännu.'}`),
  'rapport-ange-overenskommelse': entry('fel', () => 'Ange vilken överenskommelse rapporten gäller.', () => 'Skriv t.ex. overens report umearegionen, eller stå i överenskommelsens mapp.'),
  'rapport-ogiltigt-ar': entry('fel', (f) => `--year ${f.value} är inget årtal.`, () => 'Ange året som rapporten gäller med fyra siffror, t.ex. overens report umearegionen --year 2023.'),
  'part-utan-overenskommelse': entry('fel', (f) => `${f.name} är inte part i någon av överenskommelserna.`, () => 'Kontrollera id:t (se agreements/organisations.yaml), eller lägg till organisationen under parties: i en överenskommelse.'),
  'kalender-utan-beslutsfrist': entry('notering', (f) => `${f.name} har ingen beslutsfrist, så årshjulet kan inte placeras i kalendern.`, () => 'Ange validity.nextDecisionBy i agreement.yaml, t.ex. 2024-11-30.'),
  // Project set-up (overens init, overens.config.yaml)
  'init-filer-finns': entry('fel', (f) => `${f.count === 1 ? 'Filen' : `${f.count} filer`} finns redan: ${f.files}.`, () => 'overens init skriver aldrig över en fil. Kör kommandot i en tom mapp eller flytta undan filerna; efter en uppgradering uppdaterar overens init --uppdatera bara kopplingsfilerna (.vscode/, CI-filerna och schemaraderna).'),
  'init-ogiltig-json': entry('fel', (f) => `${f.path} är ingen giltig JSON (${f.detail}), så inställningarna kan inte kompletteras.`, () => 'Rätta filen (VS Code visar felet när du öppnar den) eller ta bort den, och kör overens init --uppdatera igen.'),
  'konfiguration-ogiltig': entry('fel', (f) => `overens.config.yaml går inte att använda: ${f.detail}.`, () => 'Filen får bara innehålla content: följt av mappen som har agreements/, relativt till filen, t.ex. content: avtal. Ta bort filen om överenskommelserna ligger i agreements/ bredvid den.'),
  // The command line (issue 9): usage errors as diagnostics, for --format json
  'kommando-fel': entry('fel', (f) => `${f.message}`, (f) => `Se overens ${f.command ? `${f.command} ` : ''}--help.`),
  // A build split across machines (issue 10): build --shard, merge-manifests
  'bygg-ogiltig-del': entry('fel', (f) => `--shard ${f.value} går inte att använda: ${f.why}.`, () => 'Skriv --shard i/n med heltal där i är delens nummer och n antalet delar (1 ≤ i ≤ n ≤ 256), t.ex. --shard 2/3 för den andra av tre delar. Bygg alla delar med samma n och sammanfoga dem med overens merge-manifests.'),
  'sammanfoga-ingen-del': entry('fel', (f) => `${f.dir} är ingen del av ett delat bygge: ${f.why}.`, () => 'Ange mapparna som overens build --shard i/n skrev (varje mapp har en manifest.json med shard). Kontrollera att artefakten laddades ned helt.'),
  'sammanfoga-del-saknas': entry('fel', (f) => `${f.missing === 1 ? 'Del' : 'Delarna'} ${f.shards} av ${f.count} saknas bland mapparna.`, (f) => `Ange alla ${f.count} delarnas mappar; kontrollera att varje jobb i matrisen lyckades och laddade upp sin utdata.`),
  'sammanfoga-del-dubblett': entry('fel', (f) => `Del ${f.shard} finns två gånger: i ${f.dir} och i ${f.other}.`, () => 'Ange varje del en gång; ta bort den extra mappen eller rätta --shard i jobbet som byggde den.'),
  'sammanfoga-olika-byggen': entry('fel', (f) => `${f.dir} hör inte till samma bygge som ${f.other}: ${f.why}.`, () => 'Alla delar ska byggas från samma commit med samma version av overens (samma package-lock.json) och samma antal delar, och sammanfogas med den versionen. Bygg om delarna i samma körning.'),
  'sammanfoga-del-ofullstandig': entry('fel', (f) => `Del ${f.shard} i ${f.dir} har inte de överenskommelser som delen ska ha (${f.detail}).`, () => 'Manifestet har ändrats efter bygget eller kommer från ett annat bygge. Bygg om delen med overens build --shard.'),
  'sammanfoga-fil-skadad': entry('fel', (f) => `Filen stämmer inte med manifestet i ${f.dir}: ${f.why}.`, () => 'Filen har ändrats eller skadats efter bygget (t.ex. vid uppladdning eller nedladdning). Bygg om delen och sammanfoga igen.'),
  // Titles (issue 11)
  'undertitel-upprepar': entry('varning', (f) => `Underrubriken "${f.subtitle}" upprepar rubriken "${f.title}".`, () => 'Ta bort underrubriken, eller skriv i den något som rubriken inte redan säger.'),
} as const satisfies Record<string, Entry>;

/** A code in the catalogue. */
export type Code = keyof typeof catalogue;
