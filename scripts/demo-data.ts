// The invented network of `npm run demo`: organisations, people and stories written for it (no real people or places).

export const ORGANIZATIONS = [
  {
    key: 'anker',
    name: 'Vzw Het Anker',
    project: 'Deur op een kier',
    region: 'Oost-Vlaanderen',
    starts_on: '2025-01-01',
    ends_on: '2026-12-31',
  },
  {
    key: 'kleinhove',
    name: 'OCMW Kleinhove',
    project: 'Brugfiguren aan de schoolpoort',
    region: 'Limburg',
    starts_on: '2025-03-01',
    ends_on: '2026-12-31',
  },
  {
    key: 'linde',
    name: 'Buurtwerk De Linde',
    project: 'Samen naar werk',
    region: 'Antwerpen',
    starts_on: '2025-01-01',
    ends_on: '2026-06-30',
  },
  {
    key: 'ravel',
    name: 'Welzijnshuis Ravelstede',
    project: 'Huis aan huis',
    region: 'Vlaams-Brabant',
    starts_on: '2025-09-01',
    ends_on: '2027-08-31',
  },
] as const;
export type OrgKey = (typeof ORGANIZATIONS)[number]['key'];

export const STORYTELLERS = [
  { key: 'anouk', name: 'Anouk Verstraete', org: 'anker', locale: 'nl' },
  { key: 'jens', name: 'Jens Van Lierde', org: 'kleinhove', locale: 'nl' },
  { key: 'samira', name: 'Samira Ouali', org: 'linde', locale: 'nl' },
  { key: 'wout', name: 'Wout Decraene', org: 'ravel', locale: 'nl' },
  { key: 'lotte', name: 'Lotte Baeyens', org: 'anker', locale: 'nl' },
  { key: 'mia', name: 'Mia Goossens', org: 'linde', locale: 'en' },
] as const;
export type TellerKey = (typeof STORYTELLERS)[number]['key'];

export interface DemoStory {
  key: string;
  by: TellerKey;
  language: 'nl' | 'en';
  title: string;
  role: string;
  date: string;
  story: string;
  significance: string;
  anonymous?: boolean;
  consent_report?: boolean;
  consent_quote?: boolean;
}

export const STORIES: DemoStory[] = [
  {
    key: 'koffie',
    by: 'anouk',
    language: 'nl',
    title: 'Koffie aan de keukentafel',
    role: 'outreacher',
    date: '2026-01-12',
    story:
      'Drie keer belde ik aan bij een moeder met twee kinderen. De derde keer deed ze open, omdat de buurvrouw had gezegd dat ik "geen controleur" was. We dronken koffie aan de keukentafel en spraken over alles behalve geld.\n\nPas na een maand haalde ze de schoendoos met ongeopende brieven boven. Samen openden we ze, één per één.',
    significance: 'Het toont dat vertrouwen eerst komt. Zonder die koffie was de schoendoos dicht gebleven.',
  },
  {
    key: 'schoendoos',
    by: 'jens',
    language: 'nl',
    title: 'De schoendoos vol brieven',
    role: 'brugfiguur',
    date: '2026-01-20',
    anonymous: true,
    story:
      'Een vader van drie zat met een schuld bij de energieleverancier en durfde niet meer naar de post. Ik ging mee naar de bank en daarna naar het OCMW. Hij zei: "Jij bent de eerste die niet met een map op schoot zit."\n\nWe maakten een afbetalingsplan dat hij zelf kon volgen, met een kalender op de koelkast.',
    significance: 'Omdat hij nu zelf de volgende stap zet. Ik ben niet meer nodig voor de brieven.',
  },
  {
    key: 'schoolpoort',
    by: 'jens',
    language: 'nl',
    title: 'Elke ochtend aan de schoolpoort',
    role: 'brugfiguur',
    date: '2026-02-03',
    story:
      'Aan de schoolpoort sprak ik elke ochtend dezelfde grootmoeder aan. Haar kleinzoon was vaak afwezig. Na weken vertelde ze dat de jongen ’s nachts voor zijn zieke moeder zorgde.\n\n- de school paste zijn uurrooster aan\n- de thuiszorg kwam twee keer per week\n- de jongen ging weer elke dag naar school',
    significance: 'Wat op spijbelen leek, was zorg. Je ziet het pas als je er elke dag staat.',
  },
  {
    key: 'sollicitatie',
    by: 'samira',
    language: 'nl',
    title: 'Het eerste sollicitatiegesprek',
    role: 'jobcoach',
    date: '2026-02-10',
    story:
      'Een alleenstaande vader wilde werken, maar had nooit een sollicitatiegesprek gedaan. We oefenden in het buurthuis, met een collega als "werkgever". Hij lachte zenuwachtig, maar bleef komen.\n\nBij het echte gesprek in de bakkerij kreeg hij een proefdag. Hij werkt er nu drie dagen per week.',
    significance: 'Werk was niet het eerste doel, maar het volgde uit zijn eigen tempo.',
  },
  {
    key: 'huur',
    by: 'wout',
    language: 'nl',
    title: 'Een huurachterstand die niemand zag',
    role: 'huisbezoeker',
    date: '2026-02-14',
    story:
      'Bij een huisbezoek zag ik een brief van de huisbaas op tafel liggen: uithuiszetting binnen zes weken. Het gezin had niemand iets gezegd, uit schaamte.\n\nWe belden samen met de huisbaas. Hij gaf uitstel toen hij hoorde dat er een plan kwam. Het OCMW nam een deel van de achterstand over.',
    significance: 'Een huis verliezen had alles op losse schroeven gezet: school, werk, gezondheid.',
  },
  {
    key: 'ervaringsdeskundige',
    by: 'lotte',
    language: 'nl',
    title: 'Iemand die het zelf meemaakte',
    role: 'ervaringsdeskundige',
    date: '2026-02-21',
    story:
      'De moeder wilde met geen enkele hulpverlener praten. Toen ik vertelde dat ik zelf jaren in schulden leefde, veranderde haar blik. "Dan weet je hoe het is," zei ze.\n\nWe gingen samen naar het budgetcafé. Ze vroeg er zelf het woord.',
    significance: 'Mijn eigen verhaal opende een deur die voor een diploma dicht bleef.',
  },
  {
    key: 'wachtzaal',
    by: 'anouk',
    language: 'nl',
    title: 'Een gesprek in de wachtzaal',
    role: 'outreacher',
    date: '2026-03-02',
    consent_quote: false,
    story:
      'In de wachtzaal van het ziekenhuis zat een vader die ik al maanden probeerde te bereiken. Niet de plek die je kiest, maar de plek waar het gebeurt. We praatten een uur, terwijl zijn dochter onderzocht werd.\n\nHij vroeg daarna zelf om een afspraak.',
    significance: 'Ik leerde dat een gesprek niet altijd een bureau nodig heeft.',
  },
  {
    key: 'taalcursus',
    by: 'samira',
    language: 'nl',
    title: 'Nederlands leren met de kinderen',
    role: 'gezinsondersteuner',
    date: '2026-03-05',
    story:
      'Een moeder die pas in België was, durfde niet naar het oudercontact. We zochten een taalcursus die samenviel met de schooluren. Haar dochter hielp thuis met het huiswerk, en de moeder met dat van de dochter.\n\nOp het volgende oudercontact stelde ze zelf een vraag, in het Nederlands.',
    significance: 'Een klein moment, maar de school zag haar voortaan als partner.',
  },
  {
    key: 'fiets',
    by: 'wout',
    language: 'nl',
    title: 'Een fiets om naar het werk te gaan',
    role: 'huisbezoeker',
    date: '2026-03-09',
    story:
      'Een jonge vader vond werk in een magazijn, maar er reed geen bus vroeg genoeg. Via de kringloopwinkel en een vrijwilliger kreeg hij een fiets met lichten.\n\nHij is sindsdien nooit te laat gekomen, zegt zijn ploegbaas.',
    significance: 'Soms zit de drempel naar werk in iets heel praktisch.',
  },
  {
    key: 'niet-rapport',
    by: 'lotte',
    language: 'nl',
    title: 'Wat ik liever voor mezelf houd',
    role: 'ervaringsdeskundige',
    date: '2026-03-11',
    consent_report: false,
    story:
      'Dit verhaal deel ik met de groep, maar niet daarbuiten. Het gaat over een gezin dat ik heel goed ken, en over een fout die ik zelf maakte in de begeleiding.',
    significance: 'Ik leerde er veel uit, maar het hoort niet in een rapport.',
  },
  {
    key: 'samenwerking',
    by: 'jens',
    language: 'nl',
    title: 'Drie diensten rond één tafel',
    role: 'brugfiguur',
    date: '2026-03-16',
    story:
      'Het gezin had een maatschappelijk werker, een jeugdconsulent en een schuldbemiddelaar, die elkaar nooit spraken. Ik vroeg of ze één keer samen wilden komen, bij het gezin thuis.\n\nDe moeder zat aan het hoofd van de tafel en bepaalde de volgorde. Voor het eerst had ze één plan in plaats van drie.',
    significance: 'Samenwerking begint bij wie het gezin rond de tafel wil.',
  },
  {
    key: 'buurt',
    by: 'samira',
    language: 'nl',
    title: 'De buren als vangnet',
    role: 'gezinsondersteuner',
    date: '2026-03-20',
    anonymous: true,
    story:
      'Een oudere vrouw leefde geïsoleerd op de derde verdieping. Via het buurtfeest leerde ze de gezinnen van het gelijkvloers kennen. Nu doet een buurjongen haar boodschappen, en zij past op zijn zusje.\n\nIk hoef er bijna niet meer langs.',
    significance: 'Het informele netwerk doet wat geen dienst kan: elke dag aanwezig zijn.',
  },
  {
    key: 'ocmw',
    by: 'wout',
    language: 'nl',
    title: 'Mijn rol binnen het OCMW',
    role: 'outreacher',
    date: '2026-03-23',
    story:
      'Mijn collega’s van de sociale dienst vonden dat ik "te veel tijd" stak in één gezin. We bespraken samen een dossier: zij zagen controle, ik zag een moeder die eindelijk durfde te vragen.\n\nSindsdien bespreken we elke maand een gezamenlijk dossier.',
    significance: 'Outreachend werken krijgt pas een plaats als collega’s het mee begrijpen.',
  },
  {
    key: 'geduld',
    by: 'anouk',
    language: 'nl',
    title: 'Een jaar lang aanklampen',
    role: 'outreacher',
    date: '2026-03-27',
    story:
      'Een jaar lang liet een gezin de deur dicht. Ik liet een kaartje achter, elke maand. Op een dag belde de zoon: zijn moeder was gevallen en hij wist niet wie te bellen, behalve mij.\n\nNu komt ze naar de praatgroep op dinsdag.',
    significance: 'Volhouden is geen opdringen: het kaartje zei dat de deur open bleef.',
  },
  {
    key: 'cafe-en',
    by: 'mia',
    language: 'en',
    title: 'The café on the corner',
    role: 'outreach worker',
    date: '2026-01-18',
    story:
      'A father I could not reach by letter or phone had his coffee every morning in the café on the corner. I started having mine there too. After two weeks he asked what I did. I told him honestly.\n\nA month later he brought me his debt papers, folded in his jacket.',
    significance: 'Meeting people where they are is not a slogan; it is a café at eight in the morning.',
  },
  {
    key: 'school-en',
    by: 'mia',
    language: 'en',
    title: 'A teacher who called me first',
    role: 'outreach worker',
    date: '2026-02-06',
    story:
      'A teacher noticed that a girl came to school without breakfast and called me before calling anyone else. We visited the family together, without a form. The mother had lost her job and was ashamed to ask.\n\nThe school started a breakfast table for everyone, so nobody stood out.',
    significance: 'Trust between services made the first step possible, and nobody was singled out.',
  },
  {
    key: 'housing-en',
    by: 'mia',
    language: 'en',
    title: 'Keys to a flat of their own',
    role: 'outreach worker',
    date: '2026-02-25',
    anonymous: true,
    story:
      'A mother and her two sons had been living with relatives for a year, five people in two rooms. We applied for social housing, appealed twice, and found a private landlord who accepted a rent guarantee.\n\nWhen she got the keys she cried, and then she asked about evening classes.',
    significance: 'A home of her own was the start of everything else she wanted.',
  },
  {
    key: 'work-en',
    by: 'mia',
    language: 'en',
    title: 'Not ready for work, yet',
    role: 'outreach worker',
    date: '2026-03-04',
    story:
      'The job centre wanted a young man to start a training course. He kept missing appointments. At home I saw why: his father was ill and he ran the household.\n\n- we arranged home care first\n- then a shorter course, closer to home\n- he finished it in June',
    significance: 'Work came after the family was stable, not before.',
  },
  {
    key: 'trust-en',
    by: 'mia',
    language: 'en',
    title: 'Telling the truth about what I do',
    role: 'outreach worker',
    date: '2026-03-12',
    story:
      'The family asked me straight out whether I would report them. I explained what I write down, who reads it, and what I never pass on. It took an hour.\n\nFrom then on they told me things they had hidden from everyone.',
    significance: 'Being transparent about my role made the relationship safe for them.',
  },
  {
    key: 'network-en',
    by: 'mia',
    language: 'en',
    title: 'An aunt who came back',
    role: 'outreach worker',
    date: '2026-03-18',
    story:
      'The family seemed completely alone. When we drew their network on paper, the mother remembered an aunt she had not spoken to in years. She wrote her a letter.\n\nThe aunt now takes the children every Wednesday afternoon.',
    significance: 'The informal network was there all along; it only needed to be seen.',
  },
  {
    key: 'debt-en',
    by: 'mia',
    language: 'en',
    title: 'One debt at a time',
    role: 'outreach worker',
    date: '2026-03-25',
    story:
      'Eleven creditors, one kitchen table. We sorted the letters into three piles: urgent, can wait, and not really owed. The third pile was the biggest surprise.\n\nThe father now keeps his own folder and calls me only when a new letter scares him.',
    significance: 'Small, visible order gave him back the feeling of control.',
  },
  {
    key: 'stilte',
    by: 'lotte',
    language: 'nl',
    title: 'Wat de stilte vertelde',
    role: 'ervaringsdeskundige',
    date: '2026-03-30',
    story:
      'Bij het eerste bezoek zei de moeder bijna niets. Ik bleef zitten, zonder vragenlijst. Na een half uur vertelde ze over haar zoon die niet meer naar school ging en over de schulden die ze verzweeg.\n\nWe maakten een afspraak voor de week erna, bij haar thuis, op haar uur.',
    significance: 'Stilte is ook een antwoord: wie blijft zitten, krijgt een verhaal.',
  },
];
