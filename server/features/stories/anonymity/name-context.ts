// The words around a name that tell whether a capitalised word is a person: titles ("mevrouw Peeters"), family words
// ("mama van Yassine"), surname particles ("El Moussaoui"), and the capitalised words that are no person (months,
// languages, places, organisations named after people), in Dutch, French and English. Folded: lower case, no accents.

const words = (...lists: string[]) => new Set(lists.join(' ').split(/\s+/).filter(Boolean));

/** A title before a surname or a name: "mevrouw Peeters", "Mr Smith", "madame Dubois", "juf Sarah". */
export const TITLES = words(
  'mevrouw mevr mw mvr meneer mijnheer mnr dhr heer juf juffrouw meester dokter dr pater zuster broeder',
  'madame mme mlle mademoiselle monsieur docteur maitre',
  'mr mrs ms miss mister sir madam dr prof professor',
);
/** One-letter titles count only with their full stop: "M. Dubois". */
export const DOTTED_TITLES = words('m');

/** Family words before a first name: any capitalised word after them is a person ("mama van Zineb", "haar zoon Ilyes",
 * "la fille d'Ahmed", "de familie Peeters"). */
export const RELATIONS = words(
  'mama mams moeder papa vader zoon zoontje dochter dochtertje broer broertje zus zusje oma opa grootmoeder grootvader',
  'tante nonkel oom neef nicht neefje nichtje baby kindje echtgenoot echtgenote kleinzoon kleindochter stiefvader',
  'stiefmoeder pleegmoeder pleegvader pleegzoon pleegdochter schoonmoeder schoonvader schoonzus schoonbroer familie gezin',
  'maman mere pere fils fille fillette frere soeur grand-mere grand-pere mamie papi oncle cousin cousine bebe mari epoux',
  'epouse famille mum mom mother dad father son daughter brother sister grandma grandmother grandpa grandfather granny',
  'aunt auntie uncle nephew niece husband wife stepfather stepmother family',
);
/** Other people's words: what follows may also be an organisation ("onze partner Kind en Gezin", "een vrouw van
 * Fedasil"), so they only confirm a known name that is also a word ("haar vriendin Roos", "my friend Hope"). */
export const ACQUAINTANCES = words(
  'vriend vriendin vriendje vriendinnetje partner man vrouw buurvrouw buurman collega leerling meisje jongen jongetje ex',
  'femme compagnon compagne voisin voisine ami amie copain copine garcon collegue',
  'boyfriend girlfriend neighbour neighbor friend boy girl colleague partner',
);

/** The small word between a family word and the name: "mama van Yassine", "the mother of Adam", "la fille de Sara". */
export const OF = words("van of de d' du");
/** Words that say a name follows: "ze heet Roos", "s'appelle Rose", "named Hope". */
export const NAMING = words('heet heette genaamd noemt noemde appelle appelait appele appelee prenomme prenommee named');

/** Surname particles, written small or capitalised: "Van den Broeck", "El Moussaoui", "Ben Ali", "Dos Santos". */
export const PARTICLES = words(
  "van von der den de del della di da du des la le ter ten te vanden vander vande 't d' el al ben bin ibn bou ait abou abu ou dos das do mac mc",
);

/** Words before a capitalised word that make it part of a place or organisation: "AZ Maria Middelares", "Sint Jan". */
export const BEFORE_NO_NAME = words(
  "het den 't een la le les l' the an un une vzw asbl school basisschool college atheneum lyceum instituut institut",
  'campus az uz chu ziekenhuis kliniek hopital hospital ecole sint st saint sainte ste heilig heilige cafe restaurant',
  'hotel residentie residence wzc woonzorgcentrum project projet vereniging stichting fonds fondation huis maison',
  'centrum centre center kerk eglise moskee mosquee mosque church parochie wijk quartier straat rue avenue laan',
  'boulevard place plein square chaussee steenweg dreef park parc station gare koning koningin prins prinses roi reine',
  'prince princesse king queen keizer paus pope',
);
/** Articles that make an ambiguous name a thing: "in de Roos", "De Hoop", "du Forest". */
export const ARTICLES = words('de des du');

/**
 * Names in the generated list of ordinary words (COMMON_WORD_NAMES) whose other sense is rare, so that a capital at the
 * start of a sentence still means the person: "Thomas ging naar school", "Marie est venue".
 */
export const NAMES_EVEN_FIRST = words(
  'adam adem amanda barney benjamin brandon caroline carol charlie charlotte chris christian clark colin daphne diane',
  'donna douglas eva erin gloria graham hector helen henry harry jan janet jean jenny jimmy joe joel joey john johnny',
  'jonathan joseph josh juan jules kelly kim leonard louis maria marie martin mary maya mia mike nelson nick oscar',
  'peter pierre rachel richard robert roger sally sara sharon steven thomas tom tommy tony victor victoria zoe ward staf',
  'trui lien sien miel bas lily',
);

/** Names that are also frequent forms of ordinary words, which the dictionaries list only by their stem ("elk", "lief"):
 * "Elke woensdag", "Lieve mensen", "Il ira", "Une jolie maison". */
export const ALSO_WORDS = words('elke lieve armen oren muren ira amie jolie douce libere mette aren miles ties santa');

/** Prepositions before a place: "in Brecht", "naar Jette", "à Forest", "from Halle". */
export const BEFORE_PLACE = words('in naar uit te rond nabij richting tot van a vers pres depuis de du en to from near at of via');

/** Capitalised words in ordinary prose that are also first names somewhere: never a person on their own. */
export const NOT_NAMES = words(
  // Months, days, feasts, faiths.
  'januari februari maart april mei juni juli augustus september oktober november december',
  'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre',
  'january february march may june july august october',
  'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag lundi mardi mercredi jeudi vendredi samedi dimanche',
  'monday tuesday wednesday thursday friday saturday sunday',
  'pasen kerstmis kerst pinksteren suikerfeest offerfeest ramadan noel paques toussaint sinterklaas christmas easter',
  'god allah jezus jesus islam',
  // Languages and nationalities.
  'frans engels duits turks arabisch berbers nederlands vlaams pools roemeens bulgaars russisch oekraiens spaans',
  'italiaans portugees lingala roman dari farsi english french dutch flemish arabic turkish polish romanian german',
  'spanish italian portuguese russian ukrainian bulgarian kurdish',
  // Family words written as a name ("Oma kwam"): not the person's name.
  'mama papa oma opa bomma bompa meme pepe mamie papi nana baba dede abla abi mum mom dad daddy mummy granny grandma grandpa',
  // Brands, services and places named like people.
  'zara mercedes alexa siri don',
  // Surname particles that some lists hold as first names: "Al Hoceima", "Della Faille".
  'al della mac',
);

/** Places that are also first names, beside the generated ones: the 19 Brussels municipalities and their parts, and
 * cities and countries that families come from. */
export const MORE_PLACES = words(
  'sofia jordan kenya georgia paris florence london roma kiel adana nador tanger',
  'anderlecht oudergem auderghem sint-agatha-berchem berchem-sainte-agathe brussel bruxelles etterbeek evere vorst forest',
  'ganshoren elsene ixelles jette koekelberg sint-jans-molenbeek molenbeek schaarbeek schaerbeek sint-gillis saint-gilles',
  'sint-joost-ten-node ukkel uccle watermaal-bosvoorde sint-lambrechts-woluwe sint-pieters-woluwe laken laeken haren',
  'neder-over-heembeek',
);
