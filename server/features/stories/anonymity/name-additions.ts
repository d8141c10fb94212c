// First names added by hand to the generated lists (name-lists.ts): names of adults in Flemish and Brussels families that
// the packages lack, because Statbel's list in them holds the names given to children of today. Kept by this project;
// add a name here when the check misses it (folded: lower case, no accents).

/** Flemish names of parents and grandparents. */
const FLEMISH =
  'marleen hilde greet godelieve lutgarde kristel annemie rudi mieke ilse ann hildegard gerda paula jeanine monique simonne lieve gerrit gert luc';
/** Moroccan and Amazigh names, in the spellings of Belgian registers. */
const MOROCCAN =
  'abdelaziz noureddine nourdine abdeslam abdessamad abderrahim abdelhak abdelali abdelmajid abdelghani najat mimoun mimount mohand fadoua touria zoubida rkia fadma mostafa larbi boutaina nezha wafae wafaa lahcen hafida habiba zohra fatiha fouzia malika yamina hayat';
/** Turkish and Kurdish names. */
const TURKISH = 'nurten serife tuncay gulizar sultan nuray birsen hulya gulay fadime';
/** Bulgarian, Romanian, Ukrainian and other Eastern European names the transliterated lists spell otherwise. */
const EASTERN = 'desislava rumen plamen krasimir svetla gergana tsvetanka yordan stoyanka iliyana mykhailo oleksii dmytro';
/** West and Central African names. */
const AFRICAN = 'kwame kadiatou aissatou binta fatoumata mariama ousmane mamadou ibrahima djeneba nafissatou';

export const ADDED_FIRST_NAMES: readonly string[] = [FLEMISH, MOROCCAN, TURKISH, EASTERN, AFRICAN].flatMap((list) => list.split(' '));
