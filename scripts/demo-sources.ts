// The demo's material beside the stories (two site-visit reports, one meeting report) and the publication's own texts.
import type { OrgKey } from './demo-data.js';

export interface DemoSource {
  key: string;
  kind: 'site_visit' | 'meeting_notes';
  title: string;
  date: string;
  org: OrgKey | null;
  body: string;
  /** The categories (by name) the facilitator coded the source with. */
  categories: string[];
  elements: Array<{ text: string; category: string }>;
  /** Passages quoted for a category; `key` lets a practice text place the quote with [[quote:key]]. */
  quotes: Array<{ key: string; category: string; text: string }>;
}

export const SOURCES: DemoSource[] = [
  {
    key: 'bezoek-anker',
    kind: 'site_visit',
    title: 'Plaatsbezoek Vzw Het Anker: Deur op een kier',
    date: '2026-02-05',
    org: 'anker',
    body: `## Context

Het project Deur op een kier loopt sinds januari 2025 in twee wijken met veel sociale huurwoningen. Twee outreachers (samen 1,5 VTE) en een ervaringsdeskundige halftijds werken vanuit een benedenwoning in de wijk, niet vanuit het hoofdgebouw van de vzw. Ze begeleiden op dit moment 23 gezinnen; de wachtlijst telt er negen.

## Hoe ze gezinnen bereiken

De meeste gezinnen komen niet via een doorverwijzing. De outreachers bellen aan, staan op de markt op zaterdag en drinken koffie in het buurtcafé. Een outreacher zegt het zo: "Wie op een brief wacht, wacht op een gezin dat al lang geen brieven meer opent."

Het eerste contact gaat zelden over de hulpvraag. Het team neemt daar bewust de tijd voor: de eerste vijf bezoeken worden niet in het registratiesysteem als begeleiding geteld, zodat niemand zich verplicht voelt om snel resultaten te tonen.

## Wat goed loopt

- De ervaringsdeskundige gaat mee op eerste huisbezoeken. Gezinnen die eerder met de deur in het gezicht reageerden, laten haar wel binnen.
- Met de school in de wijk is er elke maand een overleg over kinderen die vaak afwezig zijn. De school belt eerst de outreacher, niet de leerplichtambtenaar.
- Het team werkt met een werkgsm en WhatsApp, ook 's avonds tot acht uur. Afspraken worden bevestigd met een spraakbericht, omdat niet elke ouder vlot leest.

## Leervragen en knelpunten

Het team worstelt met de afsluiting van een begeleiding. Gezinnen die na een jaar stabiel zijn, blijven bellen bij elke nieuwe brief. "We willen de deur niet dichtdoen, maar we kunnen ook geen nieuwe gezinnen meer opnemen."

De projectfinanciering loopt eind 2026 af. Het bestuur van de vzw zoekt structurele middelen bij het lokaal bestuur, maar heeft nog geen toezegging. Een outreacher heeft intussen een andere job gevonden; haar opvolger start pas in mei.

## Afspraken

Het team brengt op de volgende bijeenkomst een casus mee over het afsluiten van een begeleiding. De procesbegeleiders bezorgen literatuur over afbouw en nazorg.`,
    categories: ['Begeleidingsstrategieën', 'Houding en vaardigheden', 'Werkomstandigheden van de outreacher', 'Beleidsondersteuning'],
    elements: [
      { text: 'werken vanuit een woning in de wijk', category: 'Werkomstandigheden van de outreacher' },
      { text: 'een werkgsm en WhatsApp, ook ’s avonds', category: 'Begeleidingsstrategieën' },
      { text: 'ervaringsdeskundige mee op eerste huisbezoek', category: 'Houding en vaardigheden' },
      { text: 'afsluiten van een begeleiding', category: 'Werkomstandigheden van de outreacher' },
      { text: 'projectfinanciering loopt af', category: 'Beleidsondersteuning' },
    ],
    quotes: [
      {
        key: 'anker-brief',
        category: 'Begeleidingsstrategieën',
        text: 'Wie op een brief wacht, wacht op een gezin dat al lang geen brieven meer opent.',
      },
      {
        key: 'anker-deur',
        category: 'Werkomstandigheden van de outreacher',
        text: 'We willen de deur niet dichtdoen, maar we kunnen ook geen nieuwe gezinnen meer opnemen.',
      },
    ],
  },
  {
    key: 'bezoek-kleinhove',
    kind: 'site_visit',
    title: 'Plaatsbezoek OCMW Kleinhove: Brugfiguren aan de schoolpoort',
    date: '2026-02-12',
    org: 'kleinhove',
    body: `## Context

Het OCMW van Kleinhove zet sinds maart 2025 twee brugfiguren in op vier basisscholen. Zij staan elke ochtend aan de schoolpoort en hebben een lokaal in twee van de scholen. Het project is ingebed in de sociale dienst; de brugfiguren zijn in dienst van het OCMW, niet van de scholen.

## De rol tegenover de sociale dienst

De brugfiguren botsen op de verwachtingen van collega's. Voor de sociale dienst is een dossier pas een dossier als er een aanvraag is; de brugfiguren werken net met gezinnen die (nog) niets vragen. Een brugfiguur vertelt: "Op het teamoverleg moet ik uitleggen waarom ik drie keer bij hetzelfde gezin koffie dronk zonder dat er een formulier is ingevuld."

Sinds januari is er een maandelijkse casusbespreking met de maatschappelijk werkers. Daar groeit begrip: collega's zien hoe een gezin dat maanden wegbleef nu zelf een afspraak maakt.

## De school als vindplaats

Leerkrachten signaleren sneller dan vroeger. Het gaat vaak over kleine dingen: een kind zonder boterhammen, een ouder die nooit op het oudercontact komt, een broer die zijn zus elke dag afhaalt in plaats van een volwassene. De brugfiguur spreekt de ouder dan aan aan de poort, niet met een brief van de directie.

## Leervragen en knelpunten

- Hoe ga je om met de spanning tussen hulpverlening en controle binnen één OCMW?
- De brugfiguren hebben nood aan een klankbord buiten hun eigen dienst; de intervisie in het lerend netwerk vult dat voor een deel in.
- De scholen vragen meer aanwezigheid dan twee brugfiguren kunnen geven.

## Afspraken

De procesbegeleiders nemen de vraag naar intervisie mee naar de volgende bijeenkomst. Het OCMW bekijkt of de casusbespreking ook open kan voor de scholen.`,
    categories: ['Interne samenwerking', 'Externe samenwerking', 'Begeleidingsstrategieën'],
    elements: [
      { text: 'uitleggen waarom er geen formulier is', category: 'Interne samenwerking' },
      { text: 'maandelijkse casusbespreking met collega’s', category: 'Interne samenwerking' },
      { text: 'leerkrachten signaleren sneller', category: 'Externe samenwerking' },
      { text: 'aanspreken aan de poort in plaats van een brief', category: 'Begeleidingsstrategieën' },
    ],
    quotes: [
      {
        key: 'kleinhove-formulier',
        category: 'Interne samenwerking',
        text: 'Op het teamoverleg moet ik uitleggen waarom ik drie keer bij hetzelfde gezin koffie dronk zonder dat er een formulier is ingevuld.',
      },
      {
        key: 'kleinhove-poort',
        category: 'Externe samenwerking',
        text: 'De brugfiguur spreekt de ouder dan aan aan de poort, niet met een brief van de directie.',
      },
    ],
  },
  {
    key: 'verslag-maart',
    kind: 'meeting_notes',
    title: 'Verslag regionale bijeenkomst van 31 maart 2026',
    date: '2026-03-31',
    org: null,
    body: `Aanwezig: veertien deelnemers uit vier projecten, twee procesbegeleiders en de beleidswaarnemer van het departement. Verontschuldigd: een outreacher van Welzijnshuis Ravelstede.

## Verloop

Na een korte terugblik op de vorige bijeenkomst lazen drie groepen elk zeven of acht verhalen. Elke groep noteerde de kenmerkende elementen en koos één verhaal als meest betekenisvol. De keuze liep niet overal vlot: in de groep Zuid twijfelde één deelnemer tot het einde tussen het verhaal over de koffie en dat over de schoendoos.

## Wat opviel in de gesprekken

De groepen kwamen telkens terug bij tijd. Vertrouwen opbouwen lukt niet binnen de termijnen die een project vraagt. Een deelnemer verwoordde het zo: "Het gezin bepaalt het tempo, niet de subsidie."

Ook de samenwerking met andere diensten kwam in elke groep aan bod. Gezinnen krijgen vaak drie of vier plannen van evenveel diensten. Waar de outreacher alle betrokkenen samen rond de tafel krijgt, met het gezin erbij, ontstaat één plan dat het gezin zelf kan volgen.

De beleidswaarnemer vroeg hoe de projecten omgaan met de vraag naar cijfers. De deelnemers gaven aan dat het aantal bereikte gezinnen weinig zegt over wat er verandert; verhalen tonen dat beter.

## Afspraken

- De procesbegeleiders bundelen de kenmerkende elementen van alle groepen tegen de volgende bijeenkomst.
- De drie gekozen verhalen gaan naar de netwerkdag in april.
- Elk project brengt een voorbeeld mee van een samenwerking die vastliep.`,
    categories: ['Verandering bij het gezin', 'Externe samenwerking', 'Beleidsondersteuning'],
    elements: [
      { text: 'het gezin bepaalt het tempo', category: 'Verandering bij het gezin' },
      { text: 'één plan in plaats van drie of vier', category: 'Externe samenwerking' },
      { text: 'verhalen zeggen meer dan cijfers', category: 'Beleidsondersteuning' },
    ],
    quotes: [
      { key: 'maart-tempo', category: 'Verandering bij het gezin', text: 'Het gezin bepaalt het tempo, niet de subsidie.' },
      {
        key: 'maart-cijfers',
        category: 'Beleidsondersteuning',
        text: 'De deelnemers gaven aan dat het aantal bereikte gezinnen weinig zegt over wat er verandert; verhalen tonen dat beter.',
      },
    ],
  },
];

export const PUBLICATION = {
  title: 'Outreachend werken bij gezinnen: wat we leerden',
  network_name: 'Lerend netwerk outreachend werken',
  licence: 'cc-by-nc-4.0' as const,
  introduction: `Vier organisaties zochten in 2026 samen naar manieren om gezinnen te bereiken die buiten het bereik van de hulpverlening blijven. Ze deden dat niet met indicatoren, maar met **verhalen van verandering**: wat maakte voor een gezin het verschil, en waarom?

Outreachers, brugfiguren en ervaringsdeskundigen schreven hun verhaal in een vast sjabloon. In twee bijeenkomsten lazen ze elkaars verhalen in kleine groepen, bespraken wat erin opviel en kozen telkens het verhaal dat voor hen het meest betekenisvol was. De redenen voor die keuze vormen de kern van deze publicatie.

Naast de verhalen bezochten de procesbegeleiders de projecten ter plaatse en maakten ze verslagen van de bijeenkomsten. Ook die verslagen zijn meegenomen in de analyse.

Deze publicatie is bedoeld voor de partners van het netwerk, voor collega's die outreachend willen werken en voor het beleid dat die werking mogelijk maakt.`,
  conclusions: `Outreachend werken vraagt **tijd, nabijheid en volharding**. Wat in de verhalen telkens terugkomt, is dat vertrouwen de voorwaarde is voor elke volgende stap: pas wie koffie dronk aan de keukentafel, ziet de schoendoos met brieven.

Drie lessen springen eruit:

1. Het gezin bepaalt het tempo en de tafel. Waar diensten samen rond de tafel gaan zitten met het gezin aan het hoofd, wordt drie plannen één plan.
2. De outreacher heeft een eigen plaats nodig, binnen de eigen organisatie en tegenover collega's: een mandaat, een klankbord en werkcondities die aanklampen mogelijk maken.
3. Wat werkt, verdient een plaats in het lokaal sociaal beleid. Projecten die stoppen, laten gezinnen achter.

Het netwerk wil verder leren over het afsluiten van een begeleiding en over hoe signalen uit de praktijk het beleid bereiken.`,
  colophon: `Auteurs: Els Van Damme en Hanne Claes, procesbegeleiders van het lerend netwerk.

Deze publicatie is een resultaat van het lerend netwerk outreachend werken. Het netwerk werd gerealiseerd met middelen van de Vlaamse overheid, departement Welzijn, Volksgezondheid en Gezin.

Met dank aan de outreachers, brugfiguren en ervaringsdeskundigen die hun verhalen deelden, en aan de gezinnen die ze mochten vertellen. Alle namen van gezinnen zijn weggelaten.

Meer informatie: facilitator@demo.significant.test`,
};
