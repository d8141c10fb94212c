// The demo's themes: four parts and ten categories, as facilitators would write them after clustering the elements.
import type { Item } from '../server/features/themes/schemas.js';

export interface DemoCategory {
  name: string;
  /** Element texts (from demo.ts) clustered into this category. */
  elements: string[];
  stories: string[];
  opening?: string;
  practice: string;
  /** Passages of stories; a quote with a key is placed in the practice text where it says [[quote:key]]. */
  quotes: Array<{ story: string; text: string; key?: string }>;
  challenges: Item[];
  actions: Item[];
}

export const THEMES: Array<{ name: string; description: string; categories: DemoCategory[] }> = [
  {
    name: 'Wie en wat',
    description: 'De gezinnen, wat er bij hen verandert, en de stappen naar werk.',
    categories: [
      {
        name: 'Werken op alle levensdomeinen',
        elements: ['verborgen zorgtaken', 'wonen als basis', 'housing first', 'rent guarantee'],
        stories: ['schoolpoort', 'huur', 'housing-en'],
        opening: 'huur',
        practice:
          'Een vraag over geld is zelden alleen een vraag over geld. Outreachers zien **wonen, school, gezondheid en werk** samen, omdat het gezin ze ook samen beleeft.\n\n' +
          'Wie elke dag aan de schoolpoort staat, ziet wat achter een afwezigheid zit:\n\n[[quote:schoolpoort]]\n\n' +
          'Een dreigende uithuiszetting gaat dan voor alles: zonder woning valt ook de rest weg.',
        quotes: [
          { story: 'schoolpoort', text: 'Wat op spijbelen leek, was zorg.', key: 'schoolpoort' },
          { story: 'housing-en', text: 'A home of her own was the start of everything else she wanted.' },
        ],
        challenges: [
          {
            text: 'Noden op verschillende levensdomeinen hangen samen',
            children: [{ text: 'wonen en werk' }, { text: 'school en zorgtaken thuis' }],
          },
        ],
        actions: [
          { text: 'Zet in op een integrale begeleiding' },
          { text: 'Begin bij wat het dringendst is voor het gezin', children: [{ text: 'een dreigende uithuiszetting gaat voor' }] },
        ],
      },
      {
        name: 'Verandering bij het gezin',
        elements: ['zelf de volgende stap zetten', 'visible order gives control'],
        stories: ['schoendoos', 'debt-en'],
        opening: 'schoendoos',
        practice:
          'De verandering zit vaak in kleine dingen: een brief die geopend wordt, een kalender op de koelkast, een map die de vader zelf bijhoudt.\n\n' +
          'Op de regionale bijeenkomst kwamen de groepen telkens terug bij tijd:\n\n[[quote:maart-tempo]]\n\n' +
          'Verandering laat zich dus niet plannen in de termijnen van een project, maar ze is wel te zien voor wie blijft kijken.',
        quotes: [{ story: 'debt-en', text: 'Small, visible order gave him back the feeling of control.' }],
        challenges: [{ text: 'Verandering vraagt tijd en verloopt onvoorspelbaar' }],
        actions: [{ text: 'Vier kleine stappen mee met het gezin' }, { text: 'Laat het gezin zelf de volgende stap kiezen' }],
      },
      {
        name: 'Stappen naar werk',
        elements: ['werk in eigen tempo', 'family stability before work'],
        stories: ['sollicitatie', 'fiets', 'work-en'],
        opening: 'sollicitatie',
        practice:
          'Werk is zelden het eerste doel. Het volgt wanneer het gezin wat rust heeft gevonden, en soms hangt het af van iets heel praktisch, zoals een fiets.',
        quotes: [{ story: 'fiets', text: 'Soms zit de drempel naar werk in iets heel praktisch.' }],
        challenges: [{ text: 'Nood aan werk hangt samen met opleiding, wonen en gezondheid' }],
        actions: [
          { text: 'Oefen samen, in een veilige omgeving', children: [{ text: 'een sollicitatiegesprek in het buurthuis' }] },
          { text: 'Los praktische drempels op', children: [{ text: 'vervoer' }, { text: 'kinderopvang' }] },
        ],
      },
    ],
  },
  {
    name: 'Hoe',
    description: 'Begeleidingsstrategieën, houding en vaardigheden van de outreacher.',
    categories: [
      {
        name: 'Begeleidingsstrategieën',
        elements: ['informele plek: de keukentafel', 'informele plek: de wachtzaal', 'schoolpoort als vindplaats', 'blijven aanklampen'],
        stories: ['koffie', 'geduld', 'cafe-en'],
        opening: 'koffie',
        practice:
          'Outreachers zoeken gezinnen op **waar ze zijn**: aan de keukentafel, in het café op de hoek, aan de schoolpoort.\n\n' +
          '[[quote:anker-brief]]\n\n' +
          'En ze blijven komen, ook als de deur een jaar dicht blijft. Een outreacher liet elke maand een kaartje achter:\n\n[[quote:geduld]]',
        quotes: [
          { story: 'geduld', text: 'het kaartje zei dat de deur open bleef', key: 'geduld' },
          { story: 'cafe-en', text: 'it is a café at eight in the morning' },
        ],
        challenges: [{ text: 'Het gezin zet geen stappen naar hulpverlening' }, { text: 'Het gezin dreigt het contact te verbreken' }],
        actions: [
          {
            text: 'Zoek het gezin zelf op',
            children: [{ text: 'aanbellen, huisbezoek, in de wijk' }, { text: 'via de schoolpoort of de wachtzaal' }],
          },
          { text: 'Blijf aanklampen en wees bereikbaar', children: [{ text: 'flexibel in agenda en communicatiemiddel' }] },
        ],
      },
      {
        name: 'Houding en vaardigheden',
        elements: [
          'vertrouwen komt voor de hulpvraag',
          'ervaringsdeskundigheid opent deuren',
          'transparency about the role',
          'schulden en schaamte',
          'schaamte verbergt problemen',
        ],
        stories: ['ervaringsdeskundige', 'trust-en', 'stilte'],
        opening: 'stilte',
        practice:
          'Eerlijk zijn over wat je doet en wat je noteert, maakt de relatie veilig. Een ervaringsdeskundige opent soms een deur die voor een diploma dicht blijft.',
        quotes: [
          { story: 'trust-en', text: 'Being transparent about my role made the relationship safe for them.' },
          { story: 'ervaringsdeskundige', text: 'Mijn eigen verhaal opende een deur die voor een diploma dicht bleef.' },
        ],
        challenges: [
          { text: 'Het gezin is wantrouwig tegenover hulpverlening', children: [{ text: 'na eerdere ervaringen met controle' }] },
          { text: 'De samenleving kijkt veroordelend naar het gezin' },
        ],
        actions: [
          { text: 'Wees eerlijk en transparant over je rol' },
          { text: 'Zet ervaringsdeskundigen in als of naast outreacher' },
          { text: 'Wees empathisch en durf tegelijk te confronteren' },
        ],
      },
    ],
  },
  {
    name: 'Netwerken',
    description: 'Het informele netwerk, de samenwerking binnen de organisatie en met andere diensten.',
    categories: [
      {
        name: 'Informele netwerken',
        elements: ['informeel netwerk als vangnet', 'rediscovering the informal network'],
        stories: ['buurt', 'network-en'],
        opening: 'network-en',
        practice: 'Buren, familie en vrienden zijn er elke dag, wat geen dienst kan. Soms moet het netwerk alleen opnieuw gezien worden.',
        quotes: [{ story: 'buurt', text: 'Het informele netwerk doet wat geen dienst kan: elke dag aanwezig zijn.' }],
        challenges: [{ text: 'Het gezin leeft geïsoleerd' }],
        actions: [
          { text: 'Breng het netwerk van het gezin samen in kaart' },
          { text: 'Herstel het contact met familie, buren en vrienden' },
        ],
      },
      {
        name: 'Interne samenwerking',
        elements: ['rol en mandaat tegenover collega’s'],
        stories: ['ocmw'],
        opening: 'ocmw',
        practice:
          'Binnen een OCMW botsen hulpverlening en controle soms. Een brugfiguur vertelde bij het plaatsbezoek:\n\n[[quote:kleinhove-formulier]]\n\n' +
          'Gezamenlijke dossierbesprekingen helpen collega’s de rol van de outreacher te begrijpen.',
        quotes: [{ story: 'ocmw', text: 'Outreachend werken krijgt pas een plaats als collega’s het mee begrijpen.' }],
        challenges: [{ text: 'Spanning tussen hulpverlening en controle' }, { text: 'De outreacher heeft nood aan een klankbord' }],
        actions: [
          { text: 'Maak mandaat, rol en positie expliciet tegenover collega’s' },
          { text: 'Bespreek regelmatig gezamenlijke dossiers' },
        ],
      },
      {
        name: 'Externe samenwerking',
        elements: ['één plan in plaats van drie', 'het gezin bepaalt de tafel'],
        stories: ['samenwerking', 'school-en'],
        opening: 'samenwerking',
        practice: 'Wanneer diensten samen rond de tafel zitten, met het gezin aan het hoofd, wordt drie plannen één plan.',
        quotes: [{ story: 'school-en', text: 'Trust between services made the first step possible' }],
        challenges: [
          {
            text: 'Door complexe problemen is er nood aan partners op alle levensdomeinen',
            children: [{ text: 'expertise van derden' }, { text: 'snelle doorverwijzing' }],
          },
        ],
        actions: [
          { text: 'Bouw een netwerk uit met welzijn, onderwijs, wonen en werk' },
          {
            text: 'Stel je op als brugfiguur',
            children: [{ text: 'tussen het gezin en de diensten' }, { text: 'tussen diensten onderling' }],
          },
        ],
      },
    ],
  },
  {
    name: 'Kader',
    description: 'De voorwaarden die outreachend werken mogelijk maken.',
    categories: [
      {
        name: 'Werkomstandigheden van de outreacher',
        elements: [],
        stories: [],
        practice:
          'Outreachend werken vraagt tijd, een beperkte caseload en de vrijheid om buiten de kantooruren en buiten het kantoor te werken.',
        quotes: [],
        challenges: [{ text: 'Meer vragen dan aanbod' }, { text: 'De outreacher staat er vaak alleen voor' }],
        actions: [
          {
            text: 'Leg in de organisatie de nodige werkcondities vast',
            children: [
              { text: 'caseload en flexibele werkuren' },
              { text: 'neutrale werkplekken: huisbezoek, park, wachtzaal' },
              { text: 'mobiliteit zonder logo van de dienst' },
            ],
          },
          { text: 'Voorzie intervisie en supervisie' },
        ],
      },
      {
        name: 'Beleidsondersteuning',
        elements: [],
        stories: [],
        practice:
          'Projecten die na hun looptijd stoppen, laten gezinnen achter. Wat werkt, verdient een plaats in het lokale sociaal beleid.',
        quotes: [],
        challenges: [{ text: 'Projectfinanciering is tijdelijk' }, { text: 'Beleid verschilt sterk naargelang het lokaal bestuur' }],
        actions: [
          { text: 'Breng signalen uit de praktijk naar het beleid', children: [{ text: 'via de beleidswaarnemer in het netwerk' }] },
          { text: 'Veranker outreachend werken in de werking van het lokaal bestuur' },
        ],
      },
    ],
  },
];
