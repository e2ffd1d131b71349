/**
 * The few words a reply in Spanish, French, German, Portuguese, Italian or Dutch uses for what
 * Rapport understands ("ya lo mandé", "rappelle-moi demain", "erst wieder im Februar erinnern"),
 * said in English, so the English recognisers can read them. A phrasebook, not a translator:
 * what it does not know stays as written, and a clause it changes is read only when it then
 * reads as a command. The words a note keeps are always the user's own (only `core` changes).
 */

/** A table of [meaning, "the words that mean it"] as a lookup from each word to its meaning. */
function byWord(rows: [string, string][]): Record<string, string> {
  return Object.fromEntries(rows.flatMap(([meaning, words]) => words.split(" ").map((word) => [word, meaning])));
}

/** Weekday names of the six languages, in English. */
const WEEKDAYS = byWord([
  ["monday", "lunes lundi montag segunda segunda-feira lunedì lunedi maandag"],
  ["tuesday", "martes mardi dienstag terça terça-feira martedì martedi dinsdag"],
  ["wednesday", "miércoles miercoles mercredi mittwoch quarta quarta-feira mercoledì mercoledi woensdag"],
  ["thursday", "jueves jeudi donnerstag quinta quinta-feira giovedì giovedi donderdag"],
  ["friday", "viernes vendredi freitag sexta sexta-feira venerdì venerdi vrijdag"],
  ["saturday", "sábado sabado samedi samstag sabato zaterdag"],
  ["sunday", "domingo dimanche sonntag domenica zondag"],
]);
/** Small numbers, and the units of a span. */
const COUNTS = byWord([
  ["1", "un una uno um uma ein eine einem einer een"],
  ["2", "dos deux zwei duas dois due twee"],
  ["3", "tres trois drei três tre drie"],
  ["4", "cuatro quatre vier quatro quattro"],
  ["6", "seis six sechs zes"],
]);
const UNITS = byWord([
  ["days", "día días dia dias jour jours tag tage tagen giorno giorni dag dagen"],
  ["weeks", "semana semanas semaine semaines woche wochen settimana settimane week weken"],
  ["months", "mes meses mois monat monate monaten mês mese mesi maand maanden"],
]);

/** Month names of the six languages, in English. */
const MONTHS = byWord([
  ["january", "enero janvier januar janeiro gennaio januari"],
  ["february", "febrero février februar fevereiro febbraio februari"],
  ["march", "marzo mars märz março maart"],
  ["april", "abril avril aprile"],
  ["may", "mayo mai maio maggio mei"],
  ["june", "junio juin juni junho giugno"],
  ["july", "julio juillet juli julho luglio"],
  ["august", "agosto août augustus"],
  ["september", "septiembre septembre setembro settembre"],
  ["october", "octubre octobre oktober outubro ottobre"],
  ["november", "noviembre novembre novembro"],
  ["december", "diciembre décembre dezember dezembro dicembre"],
]);

type Meaning = string | ((whole: string, ...groups: string[]) => string);

/** [what people write, lowercased, as a pattern; what it means in the words the recognisers know]. */
const PHRASES: [RegExp, Meaning][] = [
  // Politeness and joining words first, so what is left is the command.
  [/\b(?:übrigens|por cierto|au fait|aliás|a proposito|trouwens)\b,?\s*/gu, ""],
  [/\s+(?:gracias|merci|danke|obrigad[oa]|grazie|bedankt)$/u, ""],
  [/\b(?:bitte|por favor|s'il (?:te|vous) plaît|stp|svp|per favore|alsjeblieft|graag)\b/gu, "please"],
  // When it was done is not part of it: "ya se lo mandé hace días".
  [/\s+(?:hace (?:unos |varios )?días|il y a (?:quelques )?jours|vor (?:ein paar |einigen )?tagen|há (?:uns |alguns )?dias|(?:qualche )?giorni fa|(?:een paar )?dagen geleden)$/u, ""],
  [/^(?:ça suffira|ça suffit|c'est suffisant|es suficiente|reicht|é suficiente|basta così|is genoeg)$/u, "ok"],
  // Fine, enough: "tous les 3 mois c'est suffisant".
  [/\s+(?:c'est suffisant|ça suffit|reicht|es suficiente|basta|é suficiente|is genoeg)$/u, " is fine"],
  [/^(?:et|y|und|e|ed|ma|mais|aber|mas|pero)\s+/u, ""],
  // Right as it is: a confirmation.
  [/^(?:(?:sí|si|oui|ja|sim),?\s*)?(?:todo correcto|está bien|c'est bien ça|c'est ça|c'est correct|passt so|stimmt|tudo certo|está certo|tutto giusto|va bene|klopt)$/u, "that's right"],
  // Sent, done, written to them.
  [/^(?:ya |já |déjà |già |al |schon )?(?:se lo |se la |lo |la |le |l'|je l'ai |ich hab'?s |hab'?s |habe es |hab es |ho |heb )?(?:he |ai )?(?:mandé|mandado|envié|enviado|enviei|mandei|envoyée?|geschickt|gesendet|verschickt|abgeschickt|inviato|inviata|mandato|mandata|verstuurd|verzonden)(?: (?:ya|já|déjà|schon|già|al))?(?= done$|$)/u, "sent"],
  [/^(?:c'est |ist |está |è |é |schon |ya |já |déjà |già |al )?(?:hecho|listo|fait|erledigt|feito|pronto|fatto|gedaan|ya está)$/u, "done"],
  [/^(?:ya |já |déjà |schon |già )?(?:lo |o |je l'ai |l'ho )?(?:hice|fiz|fait|gemacht|fatto)(?: (?:ya|já|déjà|schon|già))?$/u, "done"],
  [/^(?:ya |já |déjà |gestern |hier |ieri |gisteren )?(?:le |lhe |je lui ai |ich habe ihr |ich habe ihm |hab ihr |hab ihm |gli |le ho |ik heb (?:haar|hem) )?(?:escribí|escrevi|écrit|geschrieben|scritto|geschreven)(?: (?:a ella|a él|para ela|pra ela|para ele|hier|gestern|ieri|gisteren))?$/u, "wrote to her"],
  // Talked to them: a check-in.
  [/^(?:já |ya |déjà |schon |già |al )?(?:falei com (?:ela|ele)|hablé con (?:ella|él)|j'ai parlé (?:avec|à) (?:elle|lui)|ich habe mit (?:ihr|ihm) gesprochen|ho parlato con (?:lei|lui)|ik heb (?:met )?(?:haar|hem) gesproken)\b/u, "spoke to her"],
  [/\b(?:la semana pasada|semana passada|na semana passada|la semaine dernière|letzte woche|la settimana scorsa|vorige week)\b/gu, "last week"],
  [/^(?:con )?ya hablé(?: con (?:ella|él))?$|^(?:l'ho |gli ho |le ho )?già (?:contattat[oa]|parlato|scritto)$|^ya (?:lo |la )?contacté$|^je l'ai déjà contactée?$|^já contactei$/u, "contacted her"],
  [/^(?:dus )?(?:dit|het) is al gedaan$|^(?:así que )?ya está hecho$|^(?:donc )?c'est déjà fait$|^(?:also )?schon erledigt$/u, "done"],
  // Skip this one.
  [/^(?:please )?(?:(?:esta vez|cette fois|diesmal|desta vez|questa volta|deze keer) )?(?:saltar|sáltalo|omitir|passer|pas cette fois|überspringen|diesmal nicht|pular|pula|saltare|salta|overslaan|non lo mando|no lo mando|no lo voy a mandar|je ne l'envoie pas|ich schicke es nicht|não vou mandar|lascia perdere|déjalo|laisse tomber|lass es|deixa pra lá|laat maar)$/u, "skip"],
  [/^(?:ik heb besloten )?(?:hem|het|haar) niet te (?:sturen|versturen)$|^(?:decidí )?no (?:enviarlo|mandarlo)$|^j'ai décidé de ne pas l'envoyer$|^(?:decidi )?não (?:enviar|mandar)$|^ho deciso di non (?:mandarlo|inviarlo)$/u, "skip"],
  // No more reminders.
  [/^stop(?:pe)? (?:maar )?met (?:deze |de )?herinneringen(?: over (?:haar|hem))?$/u, "stop the reminders about her"],
  [/^(?:please )?(?:pode |podes )?(?:parar de me lembrar (?:dela|dele)|deja de recordarme (?:de )?(?:ella|él)|arrête de me rappeler (?:d'elle|de lui)|hör auf,? mich an (?:sie|ihn) zu erinnern|smetti di ricordarmi (?:di )?(?:lei|lui)|stop met me aan (?:haar|hem) te herinneren)(?: please)?$/u, "stop reminding me about her"],
  // "ahora está en Mercado Libre", "est maintenant chez Qonto": where they are now.
  [/^(?:ahora )?está en |^(?:agora )?está na |^est maintenant chez |^ist jetzt bei |^ora è da |^zit nu bij /u, "is now at "],
  [/^(?:please )?(?:no más recordatorios|plus de rappels|keine erinnerungen mehr|chega de lembretes|não quero mais lembretes|basta promemoria|geen herinneringen meer)$/u, "stop the reminders"],
  // Remind me, and when.
  [/\b(?:pode me lembrar|podes me lembrar|puedes recordarme|peux-tu me rappeler|pouvez-vous me rappeler|kannst du mich erinnern|puoi ricordarmi|kun je me herinneren)\b/gu, "can you remind me"],
  [/\b(?:de novo|otra vez|de nuevo|de nouveau|nochmal|noch einmal|di nuovo|opnieuw)\b/gu, "again"],
  [/\b(?:recuérdame|recuerdame|recuérdamelo|ricordamelo|rappelle-le-moi|rappelle-moi|rappelez-moi|erinnere mich|erinnern sie mich|lembra-me|lembre-me|me lembre|me lembra|ricordami|herinner me)\b/gu, "remind me"],
  // A digest line's bare verb: "3 lembrar semana que vem", "3 recordar en enero".
  [/^(?:lembrar|recordar|rappeler|erinnern|ricordare|herinneren)\b/u, "remind me"],
  [/\b(?:erst )?wieder (?:im|i'm|in) (\p{L}+) erinnern\b/gu, "remind me in $1"],
  [/\b(?:mañana|demain|morgen|amanhã|domani)\b/gu, "tomorrow"],
  // "el viernes", "na segunda-feira", "am Montag"
  [new RegExp(`\\b(?:(?:el|le|am|na|no|il|op|on)\\s+)?(${Object.keys(WEEKDAYS).join("|")})\\b`, "gu"), (_: string, day: string) => `on ${WEEKDAYS[day.toLowerCase()]}`],
  // "tra un mese", "daqui a duas semanas", "dans deux semaines", "in zwei Wochen"
  [new RegExp(`\\b(?:tra|fra|en|dans|in|daqui a|em|over|dentro de)\\s+(${Object.keys(COUNTS).join("|")}|\\d{1,2})\\s+(${Object.keys(UNITS).join("|")})\\b`, "gu"), (_: string, count: string, unit: string) => `in ${COUNTS[count.toLowerCase()] ?? count} ${UNITS[unit.toLowerCase()]}`],
  [/\b(?:la semana que viene|la próxima semana|la semaine prochaine|nächste woche|semana que vem|na próxima semana|la prossima settimana|volgende week)\b/gu, "next week"],
  [/\b(?:el mes que viene|el próximo mes|le mois prochain|nächsten monat|no mês que vem|mês que vem|il mese prossimo|volgende maand)\b/gu, "next month"],
  [/\b(?:después de las fiestas|après les fêtes|nach den feiertagen|depois das festas|dopo le feste|na de feestdagen)\b/gu, "after the holidays"],
  // A month after its preposition ("en enero", "im Februar", "en mars"): alone, "mars" and "mai" may be other words.
  [new RegExp(`\\b(?:en|im|i'm|em|a|in|ab|à partir de|desde|début|fin|inizio|eind|begin)\\s+(?:de\\s+|d')?(${Object.keys(MONTHS).join("|")})\\b`, "gu"), (_: string, month: string) => `in ${MONTHS[month.toLowerCase()]}`],
  // Until a month: "jusqu'en février", "hasta marzo", "bis März".
  [new RegExp(`\\b(?:jusqu'en|jusqu'à|jusqu'au mois de|hasta|bis|até|fino a|tot)\\s+(?:de\\s+|d')?(${Object.keys(MONTHS).join("|")})\\b`, "gu"), (_: string, month: string) => `until ${MONTHS[month.toLowerCase()]}`],
  // Pause everything.
  [/^(?:please )?(?:mettez|mets|metti|pon|ponga|coloque|zet)? ?(?:tout|todo|tutto|tudo|alles) (?:en pause|en pausa|in pausa|em pausa|op pauze)\b/u, "pause everything"],
  [/^(?:please )?(?:alles pausieren|pausar tudo|pausa todo|pausar todo|metti in pausa tutto)\b/u, "pause everything"],
  // They work somewhere else now.
  [/^(?:ze|zij|hij|ella|él|elle|il|sie|er|ela|ele|lei|lui) (?:werkt|trabaja|travaille|arbeitet|trabalha|lavora|está|est) (?:nu |ahora |maintenant |jetzt |agora |ora |now )?(?:bij|en|chez|bei|na|no|em|da|presso|at) /u, "she's at "],
  // How often.
  [/\b(?:per lei|per lui|para ella|para él|pour elle|pour lui|für sie|für ihn|para ela|para ele|voor haar|voor hem)\b/gu, "for her"],
  [/\b(?:va bene|está bien|c'est bien|ist gut|está bom|is goed)$/u, "is fine"],
  [/^(?:un'altra cosa|otra cosa|autre chose|noch etwas|outra coisa|nog iets)[:,]?\s*/u, ""],
  [new RegExp(`\\b(?:cada|tous les|toutes les|alle|a cada|ogni|elke|todos os|todas as)\\s+(${Object.keys(COUNTS).join("|")})\\s+`, "gu"), (whole: string, count: string) => whole.replace(count, COUNTS[count.toLowerCase()]!)],
  [/\b(?:cada|tous les|alle|a cada|ogni|elke|todos os)\s+(\d{1,2})\s+(?:meses|mois|monate|monaten|mesi|maanden)\b/gu, "every $1 months"],
  [/\b(?:cada|tous les|alle|a cada|ogni|elke|todas as)\s+(\d{1,2})\s+(?:semanas|semaines|wochen|settimane|weken)\b/gu, "every $1 weeks"],
  // Corrections to a confirmation: the meal, the format, and the words that open them.
  [/^(?:sí|si|oui|ja|sim)?,?\s*(?:todo correcto|c'est bien ça|passt so|tudo certo|tutto giusto|klopt)?[,.]?\s*(?:solo que|sólo que|mais|aber|mas|ma|maar)?\s*(?:es|será|ce sera|c'est|es ist|es wird|é|vai ser|sarà|è|het is|wordt)\s+/u, "it's "],
  [/\b(?:petit[- ]déjeuner|desayuno|frühstück|pequeno[- ]almoço|café da manhã|colazione|ontbijt)\b/gu, "breakfast"],
  [/\b(?:almuerzo|déjeuner|mittagessen|almoço|pranzo)\b/gu, "lunch"],
  [/\b(?:cena|dîner|abendessen|jantar|diner)\b/gu, "dinner"],
  // "Ist kein Kaffee, sondern ein Videocall": not this, but that.
  [/^(?:es )?ist kein(?:e|en)? ([\p{L}-]+),? sondern (?:ein(?:e|en)? )?([\p{L}-]+)$/u, "it's $2, not $1"],
  // The same said in two clauses: "Ist kein Kaffee" / "sondern ein Videocall".
  [/^sondern (?:ein(?:e|en)? )?/u, "it's "],
  [/^ce n'est pas (?:chez|à|a) /u, "not at "],
  [/\b(?:elle|il) est chez\b/gu, "she's at"],
  [/\b(?:pas un|pas une|pas de|no un|no una|não um|não uma|non un|non una|geen)\b/gu, "not"],
  // "no en persona", "pas en personne", "nicht persönlich": what it is not.
  [/^(?:no|pas|nicht|não|non|niet)\s+(?=en persona|en personne|persönlich|presencial|pessoalmente|di persona|in persoon|por teléfono|par téléphone|telefonisch|por telefone|al telefono)/u, "not "],
  [/^(?:(?:solo|sólo) una cosa|juste une chose|nur eine sache|só uma coisa|solo una cosa|één ding)[:,]?\s*/u, ""],
  [/\b(?:será por|sera par|ce sera par|wird per|vai ser por|sarà per|wordt via)\s+/gu, "it's "],
  [/\s+(?:maintenant|ahora|jetzt|agora|adesso|ora|nu)(?=\s*[,.;]|$)/gu, " now"],
  [/\b(?:elle|il) travaille (?:chez|pour)\b/gu, "she works at"],
  [/\b(?:ella|él) trabaja (?:en|para)\b/gu, "she works at"],
  [/\b(?:en visio|visio|visioconférence|videocall|videollamada|videoconferencia|videochamada|videoanruf|videokonferenz|videochiamata|videogesprek)\b/gu, "video"],
  [/\b(?:en persona|en personne|presencial(?:mente)?|persönlich|pessoalmente|di persona|in persoon)\b/gu, "in person"],
  [/\b(?:por teléfono|par téléphone|au téléphone|per telefon|telefonisch|por telefone|al telefono|per telefono|telefonisch)\b/gu, "by phone"],
  // Where they are now: "bin ich gerade in Berlin", "estoy en Madrid", "je suis à Paris".
  [/\b(?:(?:ich )?bin (?:ich )?(?:gerade |jetzt )?(?:in|i'm)|estoy (?:ahora )?en|je suis (?:maintenant )?(?:à|a)|estou (?:agora )?em|sono (?:ora )?a|ik ben (?:nu )?in)\s+/gu, "i'm in "],
  // Thanks: politeness, for Rapport.
  // ("gracias" itself may already be gone as a filler: "por recordarme" is what is left.)
  [/^(?:(?:gracias|merci(?: beaucoup)?|danke(?: schön)?|obrigad[oa]|grazie(?: mille)?|bedankt)(?:\s+(?:por recordarme|por el recordatorio|pour le rappel|für die erinnerung|pelo lembrete|por me lembrar|per il promemoria|voor de herinnering))?|por recordarme|por el recordatorio|pour le rappel|für die erinnerung|pelo lembrete|por me lembrar|per il promemoria|voor de herinnering)$/u, "thanks"],
];

/**
 * JavaScript's `\b` knows only ASCII letters, and these words begin and end with others ("übrigens",
 * "à partir de"): every `\b` is read as a boundary between a letter or digit and anything else.
 */
const BOUNDARY = String.raw`(?:(?<![\p{L}\p{N}])(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])(?![\p{L}\p{N}]))`;
const RULES: [RegExp, Meaning][] = PHRASES.map(([pattern, meaning]) => [new RegExp(pattern.source.replaceAll(String.raw`\b`, BOUNDARY), pattern.flags), meaning]);

/**
 * Words only these languages use: a clause without one is English (or unknown) and is left as it
 * is without running the rules, which keeps a long reply in English as cheap as before. Written
 * without accents; a clause's words are compared the same way.
 */
const FOREIGN_WORDS = new Set(
  (
    "ya ja deja gia mande mandado envie enviado enviei mandei envoye envoyee geschickt gesendet verschickt abgeschickt inviato inviata mandato mandata verstuurd verzonden " +
    "hecho listo fait erledigt feito pronto fatto gedaan hice fiz gemacht escribi escrevi ecrit geschrieben scritto geschreven hable falei parle gesprochen parlato gesproken " +
    "contattato contattata contacte contactei saltar saltalo omitir passer uberspringen ueberspringen diesmal pular pula saltare salta overslaan dejalo laisse tomber lass deixa laat " +
    "mando decidi besloten sturen versturen enviarlo mandarlo envoie schicke enviar mandare inviarlo herinneringen recordatorios rappels erinnerungen lembretes promemoria " +
    "recuerdame recuerdamelo ricordami ricordamelo rappelle rappelez erinnere erinnern lembra lembre lembrar recordar rappeler ricordare herinner herinneren pode podes puedes peux pouvez kannst puoi kun " +
    "manana demain morgen amanha domani semana semaine woche settimana volgende proxima proximo prochaine nachste naechste passada pasada derniere letzte scorsa vorige " +
    "mes mois monat monaten mese maand maanden meses mesi monate semanas semaines wochen settimane weken dias jours tage tagen giorni dagen hace geleden " +
    "fiestas fetes feiertagen festas feste feestdagen cada tous toutes alle ogni elke todos todas gracias merci danke obrigado obrigada grazie bedankt bitte favor stp svp graag alsjeblieft " +
    "correcto passt stimmt certo giusto bene klopt suffit suffira suffisant reicht suficiente basta genoeg desayuno frühstück fruhstuck colazione ontbijt almuerzo dejeuner mittagessen almoco pranzo " +
    "cena diner abendessen jantar visio visioconference videollamada videoconferencia videochamada videoanruf videokonferenz videochiamata videogesprek videocall " +
    "persona personne presencial presencialmente personlich persoenlich pessoalmente persoon telefono telephone telefonisch telefone ella elle ela ele lei lui zij hij werkt trabaja travaille arbeitet trabalha lavora " +
    "chez bij bei ahora maintenant jetzt agora adesso trouwens ubrigens uebrigens alias proposito cierto kein keine keinen sondern pas nicht niet nao sera sara wordt vai solo sola cosa otra autre chose noch etwas outra coisa nog iets " +
    "nuevo nouveau nochmal nuovo opnieuw novo stoppe maar parar arrete smetti dus het asi donc mettez mets metti pon ponga coloque zet tout todo tutto tudo alles pausieren pausar pausa jusqu hasta bis ate fino tot " +
    "para pour fur voor nummer numero lembrar tra fra dentro daqui dans dos deux zwei duas dois due twee tres trois drei quatre vier quatro quattro seis sechs zes una uno uma ein eine einem einer een " +
    // Words that open or join what the rules read: "c'est", "es ist", "gracias por recordarme", "ça suffira".
    "est ist que por bien ca recordarme recordatorio rappel erinnerung lembrete herinnering bonjour hola buenas hallo ola ciao je ich ik yo eu io heb hab habe ho ai l'ai sont sind son"
  )
    .split(" ")
    .concat(Object.keys(MONTHS), Object.keys(WEEKDAYS))
    .map((word) => word.normalize("NFD").replace(/\p{M}/gu, "")),
);

function mayBeForeign(text: string): boolean {
  for (const word of text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}]+/u)) if (FOREIGN_WORDS.has(word)) return true;
  return false;
}

/** The same rules for text as typed: what they do not replace keeps its capitals ("ze werkt nu bij Adyen"). */
const RULES_ANY_CASE: [RegExp, Meaning][] = RULES.map(([pattern, meaning]) => [new RegExp(pattern.source, `${pattern.flags}i`), meaning]);

/**
 * The clause in the words Rapport reads, or the clause itself when the phrasebook knows none of
 * it. `core` is lowercased; `asTyped` keeps the capitals of what it does not translate.
 */
export function inEnglish(core: string, asTyped = false): string {
  if (!mayBeForeign(core)) return core;
  let english = core;
  // (A string and a function are each a replacement; the cast only picks one of replace's two signatures.)
  for (const [pattern, meaning] of asTyped ? RULES_ANY_CASE : RULES) english = english.replace(pattern, meaning as string);
  return english.replace(/\s+/g, " ").trim();
}
