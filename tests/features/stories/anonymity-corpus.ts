// Paragraphs in the style of outreach workers' stories, for measuring the anonymity check: ordinary ones that must give
// no warning, and ones holding identifiers with the findings expected. Written for this test; all people are invented.
import type { FindingKind } from '../../../server/features/stories/anonymity.js';

/** Ordinary prose: places, services, organisations, months, days, and words that are also names. No finding expected. */
export const ORDINARY: readonly string[] = [
  // Dutch.
  `In het voorjaar kwam een gezin uit Molenbeek naar het OCMW van Sint-Niklaas. Ze hadden een afspraak bij het CAW, maar
   de wachtlijst was lang. Via de VDAB vond de vader een opleiding tot heftruckchauffeur.`,
  `Hoop doet leven, zei mama toen we het dossier bij Kind en Gezin afsloten. Ze had die winter veel zorgen gehad over de
   huur en de energiefactuur, maar het Huis van het Kind in Aalst hielp met luiers en melkpoeder.`,
  `Op dinsdag ging ik mee naar de school in Gent. De directeur wilde weten waarom de jongste zo vaak afwezig was. We
   spraken af dat het CLB een huisbezoek zou doen in oktober, na de herfstvakantie.`,
  `Roos is geen bloem die je hier vaak ziet, zei oma lachend toen ik haar een boeket bracht. Ze woont al veertig jaar in
   dezelfde sociale woning in Mechelen en kent iedereen in de wijk.`,
  `In mei en juni verhuisde het gezin twee keer. Eerst naar Anderlecht, daarna naar een studio in Vorst. De kinderen
   moesten telkens van school veranderen, en de oudste raakte achter met lezen.`,
  `Ze spreekt Frans en Arabisch, en een beetje Nederlands. Op de taalles in Brussel zit ze naast vrouwen uit Syrië,
   Eritrea en Afghanistan. Ze wil graag werken in de zorg, in een woonzorgcentrum dicht bij huis.`,
  `Ben je er morgen ook? vroeg de buurvrouw. Door de staking reden er geen bussen van De Lijn, dus we gingen te voet naar
   de voedselbank aan de kerk. Daar stond al een lange rij.`,
  `Het Rode Kruis en Vluchtelingenwerk Vlaanderen hielpen bij de aanvraag. Fedasil vond een plaats in een opvangcentrum
   in Lommel. Na drie maanden kreeg het gezin een woning via het sociaal verhuurkantoor.`,
  `Sinds januari gaat de dochter naar de kinderopvang in Schaarbeek. Mama volgt een traject bij Actiris en heeft op
   woensdag en vrijdag les. Met het Groeipakket en een leefloon komen ze net rond.`,
  `We vierden het Suikerfeest samen in het buurthuis van Borgerhout. Er was muziek, thee en koekjes. Kerstmis en Nieuwjaar
   vieren ze niet, maar Sinterklaas kwam wel langs voor de kinderen van de klas.`,
  `Wil je nog een tas koffie? Dat vroeg ze elke keer als ik binnenkwam. De flat in Genk was klein maar proper. Ze
   vertelde over haar dorp in Turkije en over de eerste winter in België.`,
  `Later in de week belde de maatschappelijk werker van het OCMW. Er was een fout gebeurd met de huurwaarborg. Samen met
   de huisbaas van de flat in Hasselt vonden we een oplossing, en de schuld werd in schijven afbetaald.`,
  `In De Roos, het buurtrestaurant in Leuven, eet het gezin op vrijdag voor twee euro. Vrijwilligers koken er met
   groenten van de voedselbank. Wie wil, mag helpen afwassen of de tafels dekken.`,
  `Met de jeugdwerking van Chiro en de scouts in Turnhout konden de jongens op kamp. De Gezinsbond betaalde een deel, en
   de Christelijke Mutualiteit de rest. Ze kwamen bruin en moe terug, vol verhalen.`,
  // French.
  `Au printemps, la famille a quitté Charleroi pour Liège. Le CPAS a payé la garantie locative et l'asbl a trouvé un
   logement près de la gare. Les enfants vont à l'école du quartier depuis septembre.`,
  `Elle est venue au rendez-vous avec ses trois enfants. Mon collègue du service social a expliqué les démarches pour
   l'allocation familiale. Elle a posé beaucoup de questions, surtout sur les délais.`,
  `En avril, la maman a commencé une formation chez Bruxelles Formation. Le mardi et le jeudi, la grand-mère garde les
   petits. Elle espère trouver un emploi dans une crèche à Ixelles ou à Etterbeek.`,
  `Rose, jaune ou bleue, la chambre des filles devait être repeinte. Avec les bénévoles de la maison de quartier à
   Schaerbeek, nous avons choisi les couleurs ensemble, un samedi après-midi.`,
  `Le médecin de la maison médicale à Forest a orienté la famille vers le centre de santé mentale. Depuis le mois de mars,
   le père y va chaque semaine. Il dort mieux et parle plus facilement de ce qu'il a vécu.`,
  `Pendant le Ramadan, les rendez-vous avaient lieu le matin. La famille habite à Jette depuis cinq ans et connaît bien
   les voisins. Le fils aîné fait des études d'infirmier à la Haute École.`,
  `Sans papiers, la famille ne pouvait pas ouvrir de compte. Le service d'aide juridique a introduit une demande de
   régularisation. En attendant, la Croix-Rouge distribue des colis une fois par mois.`,
  `À la sortie de l'école, les parents parlent arabe, turc, roumain et lingala. Le projet de la commune propose des cafés
   des parents le vendredi. Beaucoup de mamans viennent, peu de papas.`,
  `Après l'incendie, la famille a logé chez des amis à Saint-Gilles. L'assurance a tardé, et le CPAS a avancé une aide
   urgente. Trois mois plus tard, ils ont pu rentrer dans leur appartement.`,
  // English.
  `Will the family be able to stay? That was the question on everyone's mind in May. The social welfare centre in
   Antwerp had found them a flat, but the contract ended in August.`,
  `Hope is what kept her going, she told me at the community centre. Every Monday she came to the language class, and on
   Thursdays she volunteered at the food bank near the station.`,
  `May I ask why the children missed school? The teacher was kind but firm. Together with the school counsellor we made a
   plan for the spring term, with homework support on Wednesday afternoons.`,
  `The mother grew up in Morocco and came to Belgium in 2009. She speaks Arabic, Tamazight and French, and is now learning
   Dutch. Her dream is to open a small sewing workshop in Brussels.`,
  `After the fire, the Red Cross found the family a temporary home in Leuven. The insurance took months, and the debt
   counselling service helped to keep the landlord patient.`,
  `Grace and patience, that is what the work asks, said my colleague at the team meeting. We talked about the families on
   the waiting list and about the new project with the youth centre in Ghent.`,
  `On Christmas Eve the neighbours brought soup and bread. The flat in Mechelen was cold because the heating had broken
   down in December, and the housing company only came after New Year.`,
  `Rose bushes lined the path to the refugee centre in Kapellen. Every Friday the children drew pictures for the volunteers
   and the staff of Fedasil, and the drawings covered the walls of the canteen.`,
  `Can the school help with the costs of the trip? The parents asked this at the parents' evening. The headteacher said the
   parents' association had a fund for it, and the class went to the sea in June.`,
  // Places, services and days named like people.
  `We namen de tram naar het UZ Gent en daarna de bus naar de Don Bosco-school. In de Jan Palfijnstraat was het druk,
   want het Koning Albertpark lag vol met mensen die van de zon genoten.`,
  `Ze kijkt graag naar Thuis op één en leest Het Laatste Nieuws. Op WhatsApp stuurt ze foto's van de kleinkinderen naar de
   familie in Marokko, en op zondag belt ze met haar zussen.`,
  `Voor Noël gingen ze naar Sofia, waar de grootouders wonen. In januari kwamen ze terug met de bus uit Bulgarije, met een
   koffer vol zelfgemaakte confituur.`,
  `Elle travaille chez Zara à la rue Neuve et prend le métro à la station Louise. Le samedi, elle fait ses courses chez
   Delhaize avec sa voisine.`,
  `The children visited Queen Elisabeth's music chapel and the Prince Philippe park. Will they remember it? Their teacher
   hopes so, and so do their parents.`,
  `Elke woensdag is er huiswerkbegeleiding in De Vonk. Mei en juni zijn drukke maanden, met examens en het schoolfeest in
   de Sint-Jozefschool.`,
  // Partners and colleagues from organisations; initials, which is how outreach workers anonymise.
  `Onze partner Kind en Gezin en een collega van Fedasil kwamen mee naar het overleg. Mevrouw P. en haar zoon waren er
   ook, met een vriendin van de Welzijnsschakels.`,
  `A father I could not reach by letter came to the school party after all. A friend from the Red Cross had told him
   about it, and his neighbour drove him there.`,
];

export interface Expected {
  kind: FindingKind;
  /** Exactly as written in the paragraph; the n-th item with the same text is its n-th occurrence. */
  excerpt: string;
}

/** Paragraphs holding identifiers, with what the check must find in each. */
export const IDENTIFYING: readonly { text: string; expected: readonly Expected[] }[] = [
  // Names of people, Dutch.
  {
    text: `Ik leerde Fatima El Moussaoui kennen in het buurthuis. Haar zoon Yassine zit in het vierde leerjaar.`,
    expected: [
      { kind: 'person_name', excerpt: 'Fatima El Moussaoui' },
      { kind: 'person_name', excerpt: 'Yassine' },
    ],
  },
  {
    text: `De mama van Zineb belde me op een zondag. Ze had een brief gekregen van mevrouw Peeters van het OCMW.`,
    expected: [
      { kind: 'person_name', excerpt: 'Zineb' },
      { kind: 'person_name', excerpt: 'mevrouw Peeters' },
    ],
  },
  {
    text: `Meneer Janssens, de huisbaas, wilde de huur verhogen. Samen met Lotte van het CAW gingen we langs.`,
    expected: [
      { kind: 'person_name', excerpt: 'Meneer Janssens' },
      { kind: 'person_name', excerpt: 'Lotte' },
    ],
  },
  {
    text: `Ayşe en haar man Mehmet kwamen in 2015 naar Gent. Hun dochter Elif is nu zeven.`,
    expected: [
      { kind: 'person_name', excerpt: 'Ayşe' },
      { kind: 'person_name', excerpt: 'Mehmet' },
      { kind: 'person_name', excerpt: 'Elif' },
    ],
  },
  {
    text: `Op het oudercontact zat ook juf Sarah. Ze vertelde dat Mohamed Ben Ali goed meedoet in de klas.`,
    expected: [
      { kind: 'person_name', excerpt: 'juf Sarah' },
      { kind: 'person_name', excerpt: 'Mohamed Ben Ali' },
    ],
  },
  {
    text: `Thomas en zijn zus Noor wonen bij hun grootouders in Aalst. Opa Marcel haalt ze elke dag van school.`,
    expected: [
      { kind: 'person_name', excerpt: 'Thomas' },
      { kind: 'person_name', excerpt: 'Noor' },
      { kind: 'person_name', excerpt: 'Marcel' },
    ],
  },
  {
    text: `Agnieszka Kowalska werkt als poetsvrouw in Antwerpen. Haar zoon Piotr wil later dokter worden.`,
    expected: [
      { kind: 'person_name', excerpt: 'Agnieszka Kowalska' },
      { kind: 'person_name', excerpt: 'Piotr' },
    ],
  },
  {
    text: `Via een vriendin kwam Ioana bij ons terecht. Ze is Roemeense en woont met Andrei en de kinderen in Schaarbeek.`,
    expected: [
      { kind: 'person_name', excerpt: 'Ioana' },
      { kind: 'person_name', excerpt: 'Andrei' },
    ],
  },
  {
    text: `Dimitar en Desislava zijn van Bulgarije naar Sint-Niklaas verhuisd. Hun baby heet Viktoria.`,
    expected: [
      { kind: 'person_name', excerpt: 'Dimitar' },
      { kind: 'person_name', excerpt: 'Desislava' },
      { kind: 'person_name', excerpt: 'Viktoria' },
    ],
  },
  {
    text: `Olena vluchtte met haar twee kinderen uit Oekraïne. Mykola, haar man, bleef achter in Charkiv.`,
    expected: [
      { kind: 'person_name', excerpt: 'Olena' },
      { kind: 'person_name', excerpt: 'Mykola' },
    ],
  },
  {
    text: `Bij de dokter zat ook de moeder van Ilyas. Dokter Vermeulen gaf haar een verwijsbrief voor het ziekenhuis.`,
    expected: [
      { kind: 'person_name', excerpt: 'Ilyas' },
      { kind: 'person_name', excerpt: 'Dokter Vermeulen' },
    ],
  },
  {
    text: `Khadija en Rachid Amrani hebben vijf kinderen. De oudste, Hamza, werkt al in de haven.`,
    expected: [
      { kind: 'person_name', excerpt: 'Khadija' },
      { kind: 'person_name', excerpt: 'Rachid Amrani' },
      { kind: 'person_name', excerpt: 'Hamza' },
    ],
  },
  {
    text: `Marie-Louise Van den Broeck is al tachtig. Ze woont alleen sinds haar man Jozef stierf.`,
    expected: [
      { kind: 'person_name', excerpt: 'Marie-Louise Van den Broeck' },
      { kind: 'person_name', excerpt: 'Jozef' },
    ],
  },
  // French.
  {
    text: `Madame Dubois m'a appelée un lundi. Sa fille Inès avait été renvoyée de l'école.`,
    expected: [
      { kind: 'person_name', excerpt: 'Madame Dubois' },
      { kind: 'person_name', excerpt: 'Inès' },
    ],
  },
  {
    text: `Le fils d'Aïcha, Souleymane, a trouvé un stage chez un garagiste à Anderlecht. Monsieur Lambert l'a bien accueilli.`,
    expected: [
      { kind: 'person_name', excerpt: 'Aïcha' },
      { kind: 'person_name', excerpt: 'Souleymane' },
      { kind: 'person_name', excerpt: 'Monsieur Lambert' },
    ],
  },
  {
    text: `Avec Nathalie, l'assistante sociale du CPAS, nous avons rendu visite à la famille de Jean-Pierre Leclercq.`,
    expected: [
      { kind: 'person_name', excerpt: 'Nathalie' },
      { kind: 'person_name', excerpt: 'Jean-Pierre Leclercq' },
    ],
  },
  {
    text: `Sa petite-fille s'appelle Rose. Elle vit chez sa grand-mère Fatiha depuis l'été.`,
    expected: [
      { kind: 'person_name', excerpt: 'Rose' },
      { kind: 'person_name', excerpt: 'Fatiha' },
    ],
  },
  // English.
  {
    text: `I first met Mrs Smith at the school gate. Her son Jack had been bullied for months.`,
    expected: [
      { kind: 'person_name', excerpt: 'Mrs Smith' },
      { kind: 'person_name', excerpt: 'Jack' },
    ],
  },
  {
    text: `Sarah O'Brien volunteers at the food bank. She introduced me to Youssef, who had just arrived from Morocco.`,
    expected: [
      { kind: 'person_name', excerpt: "Sarah O'Brien" },
      { kind: 'person_name', excerpt: 'Youssef' },
    ],
  },
  // Phone numbers, e-mail addresses, addresses, birth dates, national numbers, IBANs, with names beside them.
  {
    text: `Je kan mama bereiken op 0470 12 34 56 of via an.peeters@example.be, liefst na vier uur.`,
    expected: [
      { kind: 'phone', excerpt: '0470 12 34 56' },
      { kind: 'email', excerpt: 'an.peeters@example.be' },
    ],
  },
  {
    text: `Het gezin woont in de Kerkstraat 12 bus 3 in Aalst. De buren op nummer 14 helpen soms.`,
    expected: [{ kind: 'address', excerpt: 'Kerkstraat 12 bus 3' }],
  },
  {
    text: `Yasmina is geboren op 3 maart 2015 in Brussel. Haar broer is geboren op 12/05/2017.`,
    expected: [
      { kind: 'person_name', excerpt: 'Yasmina' },
      { kind: 'birth_date', excerpt: 'geboren op 3 maart 2015' },
      { kind: 'birth_date', excerpt: 'geboren op 12/05/2017' },
    ],
  },
  {
    text: `Op het formulier stond het rijksregisternummer 85.07.30-033.28 en de rekening BE68 5390 0754 7034.`,
    expected: [
      { kind: 'national_number', excerpt: '85.07.30-033.28' },
      { kind: 'iban', excerpt: 'BE68 5390 0754 7034' },
    ],
  },
  {
    text: `Ils habitent Rue de la Loi 16 à Bruxelles. On peut joindre le père au +32 470 12 34 56.`,
    expected: [
      { kind: 'address', excerpt: 'Rue de la Loi 16' },
      { kind: 'phone', excerpt: '+32 470 12 34 56' },
    ],
  },
  {
    text: `They moved to 12 Church Street last year. Her date of birth is 4 June 2012, her e-mail amira.k@mail.com.`,
    expected: [
      { kind: 'address', excerpt: '12 Church Street' },
      { kind: 'birth_date', excerpt: 'date of birth is 4 June 2012' },
      { kind: 'email', excerpt: 'amira.k@mail.com' },
    ],
  },
  {
    text: `Kevin woont op de Grote Markt 3 in Sint-Niklaas. Zijn gsm: 0499/87.65.43.`,
    expected: [
      { kind: 'person_name', excerpt: 'Kevin' },
      { kind: 'address', excerpt: 'Grote Markt 3' },
      { kind: 'phone', excerpt: '0499/87.65.43' },
    ],
  },
  {
    text: `De papa van Imane, meneer Bakkali, belde van op het werk: 09 234 56 78.`,
    expected: [
      { kind: 'person_name', excerpt: 'Imane' },
      { kind: 'person_name', excerpt: 'meneer Bakkali' },
      { kind: 'phone', excerpt: '09 234 56 78' },
    ],
  },
  {
    text: `Emre Yılmaz (°12/05/2016) zit in de klas van meester Tom in Genk.`,
    expected: [
      { kind: 'person_name', excerpt: 'Emre Yılmaz' },
      { kind: 'birth_date', excerpt: '°12/05/2016' },
      { kind: 'person_name', excerpt: 'meester Tom' },
    ],
  },
  {
    text: `Née le 1er mars 2015, Chloé vit avec sa maman à Forest, Avenue Van Volxem 45.`,
    expected: [
      { kind: 'birth_date', excerpt: 'Née le 1er mars 2015' },
      { kind: 'person_name', excerpt: 'Chloé' },
      { kind: 'address', excerpt: 'Avenue Van Volxem 45' },
    ],
  },
  {
    text: `Stuur de foto's naar wout.declercq@telenet.be. Wout is de broer van Jana.`,
    expected: [
      { kind: 'email', excerpt: 'wout.declercq@telenet.be' },
      { kind: 'person_name', excerpt: 'Wout' },
      { kind: 'person_name', excerpt: 'Jana' },
    ],
  },
  {
    text: `Hasan en Büşra Demir huren een huis in de Stationsstraat 87 in Beringen.`,
    expected: [
      { kind: 'person_name', excerpt: 'Hasan' },
      { kind: 'person_name', excerpt: 'Büşra Demir' },
      { kind: 'address', excerpt: 'Stationsstraat 87' },
    ],
  },
  {
    text: `Call Mr. Williams on +44 20 7946 0958 about Emma, who was born on 14 July 2014.`,
    expected: [
      { kind: 'person_name', excerpt: 'Mr. Williams' },
      { kind: 'phone', excerpt: '+44 20 7946 0958' },
      { kind: 'person_name', excerpt: 'Emma' },
      { kind: 'birth_date', excerpt: 'born on 14 July 2014' },
    ],
  },
  // Harder ones: names at the start of a sentence that are also words or places, names missing from the lists.
  {
    text: `Nesma en haar zus Nouhaila kwamen via Fedasil naar Lier. Brecht, hun buurjongen, speelt elke dag met hen.`,
    expected: [
      { kind: 'person_name', excerpt: 'Nesma' },
      { kind: 'person_name', excerpt: 'Nouhaila' },
      { kind: 'person_name', excerpt: 'Brecht' },
    ],
  },
  {
    text: `De familie Peeters woont al jaren naast het gezin Aydın, in een rustige straat in Hamme.`,
    expected: [
      { kind: 'person_name', excerpt: 'Peeters' },
      { kind: 'person_name', excerpt: 'Aydın' },
    ],
  },
  {
    text: `Will Jansen komt morgen langs. Ben vertelde dat hij ziek was. Gisteren zag ik Roos op de markt met haar vriend Kobe.`,
    expected: [
      { kind: 'person_name', excerpt: 'Will Jansen' },
      { kind: 'person_name', excerpt: 'Ben' },
      { kind: 'person_name', excerpt: 'Roos' },
      { kind: 'person_name', excerpt: 'Kobe' },
    ],
  },
  {
    text: `La famille Benali habite à Molenbeek. Karim, le père, travaille à la STIB depuis dix ans.`,
    expected: [
      { kind: 'person_name', excerpt: 'Benali' },
      { kind: 'person_name', excerpt: 'Karim' },
    ],
  },
  {
    text: `Grace looked after her brother's children while their mum, Precious, was in hospital in Leuven.`,
    expected: [
      { kind: 'person_name', excerpt: 'Grace' },
      { kind: 'person_name', excerpt: 'Precious' },
    ],
  },
];
