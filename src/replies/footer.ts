/**
 * What mail servers add to a message: legal disclaimers ("This e-mail is confidential … if you
 * are not the intended recipient …"), antivirus notices and mailing-list footers at the end,
 * and the "CAUTION: This message is from an EXTERNAL SENDER" banner that gateways put on top.
 * Each is recognised on its wording in several languages: a heading of its own ("Disclaimer"),
 * or a paragraph that says both "confidential" and "if you are not the intended recipient".
 */

import type { Line } from "./lines";

const DISCLAIMER_HEADINGS = new Set([
  "disclaimer", "legal disclaimer", "confidentiality notice", "haftungsausschluss", "rechtlicher hinweis",
  "vertraulichkeitshinweis", "avis de confidentialité", "aviso legal", "aviso de confidencialidad", "avviso di riservatezza",
]);
const CONFIDENTIAL = ["confidential", "privileged", "vertraulich", "confidentiel", "confidencial", "riservat", "vertrouwelijk", "poufn"];
const NOT_FOR_YOU = [
  "intended recipient", "intended solely", "intended only", "intended exclusively", "intended for the use",
  "not the intended", "if you are not the", "if you have received this", "addressee", "nicht der richtige adressat",
  "wenn sie nicht der", "sind sie nicht der", "irrtümlich erhalten", "si vous n'êtes pas", "si vous avez reçu",
  "si usted no es", "ha recibido este", "se non sei", "se avete ricevuto", "se você não for", "als u niet de",
];
const FOOTERS = [
  "this email has been scanned", "this e-mail has been scanned", "this message has been scanned", "scanned for viruses",
  "you received this message because you are subscribed", "to unsubscribe from this group", "mailman/listinfo",
];

/** Whether a disclaimer, an antivirus notice or a list footer starts at line i (a paragraph start). */
export function startsFooter(lines: Line[], i: number): boolean {
  if (i > 0 && !lines[i - 1]!.blank) return false;
  const heading = lines[i]!.text.toLowerCase();
  if (heading.length <= 40 && DISCLAIMER_HEADINGS.has(heading.replace(/[*:]+$/, "").trim())) return true;
  let paragraph = "";
  for (let j = i; j < lines.length && j < i + 8 && !lines[j]!.blank && paragraph.length < 1500; j++) {
    paragraph += " " + lines[j]!.text.toLowerCase();
  }
  if (FOOTERS.some((footer) => paragraph.includes(footer))) return true;
  return CONFIDENTIAL.some((word) => paragraph.includes(word)) && NOT_FOR_YOU.some((phrase) => paragraph.includes(phrase));
}

const BANNER_STARTS = ["caution", "warning", "attention", "external", "[external]", "[ext]", "*external", "notice", "this email originated", "this message originated", "this message is from", "this email is from"];

/** The last line of a gateway's warning banner starting at line i ("CAUTION: This message is from an EXTERNAL SENDER …"), or -1. */
export function bannerEnd(lines: Line[], i: number): number {
  const first = lines[i]!.text.toLowerCase();
  if (!BANNER_STARTS.some((start) => first.startsWith(start))) return -1;
  let j = i;
  let paragraph = "";
  while (j < lines.length && j < i + 6 && !lines[j]!.blank) paragraph += " " + lines[j++]!.text.toLowerCase();
  if (paragraph.length > 700) return -1;
  const external = paragraph.includes("external") && /sender|e-?mail|message|organi[sz]ation|link|attachment/.test(paragraph);
  return external || /outside (of )?(the |your |our )?organi[sz]ation/.test(paragraph) ? j - 1 : -1;
}
