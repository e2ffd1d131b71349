/**
 * The few words a reply in Spanish, French, German, Portuguese, Italian or Dutch uses for what
 * Rapport understands ("ya lo mandé", "rappelle-moi demain", "erst wieder im Februar erinnern"),
 * said in English, so the English recognisers can read them. A phrasebook, not a translator:
 * what it does not know stays as written, and a clause it changes is read only when it then
 * reads as a command. The words a note keeps are always the user's own (only `core` changes).
 */

/** Month names of the six languages, in English. */
const MONTHS: Record<string, string> = Object.fromEntries(
  [
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
  ].flatMap(([english, names]) => names!.split(" ").map((name) => [name, english!])),
);

type Meaning = string | ((whole: string, ...groups: string[]) => string);

/** [what people write, lowercased, as a pattern; what it means in the words the recognisers know]. */
const PHRASES: [RegExp, Meaning][] = [
  // Politeness and joining words first, so what is left is the command.
  [/\s+(?:gracias|merci|danke|obrigad[oa]|grazie|bedankt)$/u, ""],
  [/\b(?:bitte|por favor|s'il (?:te|vous) plaît|stp|svp|per favore|alsjeblieft|graag)\b/gu, "please"],
  // Fine, enough: "tous les 3 mois c'est suffisant".
  [/\s+(?:c'est suffisant|ça suffit|reicht|es suficiente|basta|é suficiente|is genoeg)$/u, " is fine"],
  [/^(?:et|y|und|e|ed|ma|mais|aber|mas|pero)\s+/u, ""],
  // Right as it is: a confirmation.
  [/^(?:(?:sí|si|oui|ja|sim),?\s*)?(?:todo correcto|está bien|c'est bien ça|c'est ça|c'est correct|passt so|stimmt|tudo certo|está certo|tutto giusto|va bene|klopt)$/u, "that's right"],
  // Sent, done, written to them.
  [/^(?:ya |já |déjà |già |al )?(?:lo |la |le |l'|je l'ai |ich hab'?s |hab'?s |habe es |hab es |ho |heb )?(?:he |ai )?(?:mandé|mandado|envié|enviado|enviei|mandei|envoyée?|geschickt|gesendet|verschickt|abgeschickt|inviato|inviata|mandato|mandata|verstuurd|verzonden)(?: (?:ya|já|déjà|schon|già|al))?(?= done$|$)/u, "sent"],
  [/^(?:c'est |ist |está |è |é )?(?:hecho|listo|fait|erledigt|feito|pronto|fatto|gedaan|ya está)$/u, "done"],
  [/^(?:ya |já |déjà |schon |già )?(?:lo |o |je l'ai |l'ho )?(?:hice|fiz|fait|gemacht|fatto)(?: (?:ya|já|déjà|schon|già))?$/u, "done"],
  [/^(?:ya |já |déjà |gestern |hier |ieri |gisteren )?(?:le |lhe |je lui ai |ich habe ihr |ich habe ihm |hab ihr |hab ihm |gli |le ho |ik heb (?:haar|hem) )?(?:escribí|escrevi|écrit|geschrieben|scritto|geschreven)(?: (?:a ella|a él|para ela|pra ela|para ele|hier|gestern|ieri|gisteren))?$/u, "wrote to her"],
  // Skip this one.
  [/^(?:(?:esta vez|cette fois|diesmal|desta vez|questa volta|deze keer) )?(?:saltar|sáltalo|omitir|passer|pas cette fois|überspringen|diesmal nicht|pular|pula|saltare|salta|overslaan)$/u, "skip"],
  // No more reminders.
  [/^(?:please )?(?:no más recordatorios|plus de rappels|keine erinnerungen mehr|chega de lembretes|não quero mais lembretes|basta promemoria|geen herinneringen meer)$/u, "stop the reminders"],
  // Remind me, and when.
  [/\b(?:recuérdame|recuerdame|recuérdamelo|rappelle-moi|rappelez-moi|erinnere mich|erinnern sie mich|lembra-me|lembre-me|me lembre|me lembra|ricordami|herinner me)\b/gu, "remind me"],
  // A digest line's bare verb: "3 lembrar semana que vem", "3 recordar en enero".
  [/^(?:lembrar|recordar|rappeler|erinnern|ricordare|herinneren)\b/u, "remind me"],
  [/\b(?:erst )?wieder (?:im|i'm|in) (\p{L}+) erinnern\b/gu, "remind me in $1"],
  [/\b(?:mañana|demain|morgen|amanhã|domani)\b/gu, "tomorrow"],
  [/\b(?:la semana que viene|la próxima semana|la semaine prochaine|nächste woche|semana que vem|na próxima semana|la prossima settimana|volgende week)\b/gu, "next week"],
  [/\b(?:el mes que viene|el próximo mes|le mois prochain|nächsten monat|no mês que vem|mês que vem|il mese prossimo|volgende maand)\b/gu, "next month"],
  [/\b(?:después de las fiestas|après les fêtes|nach den feiertagen|depois das festas|dopo le feste|na de feestdagen)\b/gu, "after the holidays"],
  // A month after its preposition ("en enero", "im Februar", "en mars"): alone, "mars" and "mai" may be other words.
  [new RegExp(`\\b(?:en|im|i'm|em|a|in|ab|à partir de|desde|début|fin|inizio|eind|begin)\\s+(?:de\\s+|d')?(${Object.keys(MONTHS).join("|")})\\b`, "gu"), (_: string, month: string) => `in ${MONTHS[month]}`],
  // How often.
  [/\b(?:cada|tous les|alle|a cada|ogni|elke|todos os)\s+(\d{1,2})\s+(?:meses|mois|monate|monaten|mesi|maanden)\b/gu, "every $1 months"],
  [/\b(?:cada|tous les|alle|a cada|ogni|elke|todas as)\s+(\d{1,2})\s+(?:semanas|semaines|wochen|settimane|weken)\b/gu, "every $1 weeks"],
  // Corrections to a confirmation: the meal, the format, and the words that open them.
  [/^(?:sí|si|oui|ja|sim)?,?\s*(?:todo correcto|c'est bien ça|passt so|tudo certo|tutto giusto|klopt)?[,.]?\s*(?:solo que|sólo que|mais|aber|mas|ma|maar)?\s*(?:es|será|ce sera|c'est|es ist|es wird|é|vai ser|sarà|è|het is|wordt)\s+/u, "it's "],
  [/\b(?:petit[- ]déjeuner|desayuno|frühstück|pequeno[- ]almoço|café da manhã|colazione|ontbijt)\b/gu, "breakfast"],
  [/\b(?:almuerzo|déjeuner|mittagessen|almoço|pranzo)\b/gu, "lunch"],
  [/\b(?:cena|dîner|abendessen|jantar|diner)\b/gu, "dinner"],
  [/\b(?:en visio|visio|visioconférence|videollamada|videoconferencia|videochamada|videoanruf|videokonferenz|videochiamata|videogesprek)\b/gu, "video"],
  [/\b(?:en persona|en personne|presencial(?:mente)?|persönlich|pessoalmente|di persona|in persoon)\b/gu, "in person"],
  [/\b(?:por teléfono|par téléphone|au téléphone|per telefon|telefonisch|por telefone|al telefono|per telefono|telefonisch)\b/gu, "by phone"],
  // Where they are now: "bin ich gerade in Berlin", "estoy en Madrid", "je suis à Paris".
  [/\b(?:(?:ich )?bin (?:ich )?(?:gerade |jetzt )?(?:in|i'm)|estoy (?:ahora )?en|je suis (?:maintenant )?(?:à|a)|estou (?:agora )?em|sono (?:ora )?a|ik ben (?:nu )?in)\s+/gu, "i'm in "],
  [/\b(?:übrigens|por cierto|au fait|aliás|a proposito|trouwens)\b,?\s*/gu, ""],
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

/** The clause in the words Rapport reads, or the clause itself when the phrasebook knows none of it. */
export function inEnglish(core: string): string {
  let english = core;
  for (const [pattern, meaning] of RULES) english = typeof meaning === "string" ? english.replace(pattern, meaning) : english.replace(pattern, meaning);
  return english.replace(/\s+/g, " ").trim();
}
