/**
 * Which export columns hold personal data (Fed. R. Civ. P. 5.2, and the
 * identifiers immigration and detention cases carry), by the column's name or
 * by what its values look like. Each finding says why, for the YAML comment.
 */

interface NameRule {
  pattern: RegExp;
  what: string;
}

/** Matched against the header with separators removed and lower-cased ("Date_of_Birth" → "dateofbirth"). */
const NAME_RULES: NameRule[] = [
  { pattern: /^(a|alien)(number|num|no|nbr|#)$|^anumber|aliennumber|alienregistration/, what: 'an A-Number (alien registration number)' },
  { pattern: /ssn|socialsecurity|^sin$/, what: 'a Social Security number' },
  { pattern: /dateofbirth|birthdate|^dob$|birthday|^born/, what: 'a date of birth' },
  { pattern: /email|^mail$/, what: 'an e-mail address' },
  { pattern: /phone|mobile|^cell$|^tel$|telephone/, what: 'a telephone number' },
  { pattern: /address|street|^addr|zipcode|postcode|postalcode/, what: 'an address' },
  { pattern: /booking(number|num|no|id)?$|^booking/, what: 'a booking number' },
  { pattern: /(first|last|given|family|middle|sur|full|maiden)name|^name$|^surname$|personname|^fname$|^lname$|^forename|^alias$|^aka$/, what: 'a person\'s name' },
  // "Youth Name", "Client Name", "Detainee Name": any "… name" but the names of places and organisations.
  { pattern: /name$/, what: 'a person\'s name' },
  // Spanish headers, as agencies and courts in Puerto Rico, Texas or Florida export them ("Número A",
  // "Nombre Completo", "Fecha de Nacimiento"); accents are gone by now ("numeroa").
  { pattern: /^(numero|num|no|nro)(de)?(a|extranjero)$|^numerodeextranjero/, what: 'an A-Number (alien registration number)' },
  { pattern: /seguro?social/, what: 'a Social Security number' },
  { pattern: /fecha(de)?nacimiento|^nacimiento$|^fnac$/, what: 'a date of birth' },
  { pattern: /correo/, what: 'an e-mail address' },
  { pattern: /telefono|celular|^movil$/, what: 'a telephone number' },
  { pattern: /direccion|domicilio|^calle$|codigopostal/, what: 'an address' },
  { pattern: /^(primer|segundo)?(nombres?|apellidos?)(completo|s)?$|^nombre(del|de)?(detenido|cliente|menor|persona|solicitante|beneficiario)$/, what: 'a person\'s name' },
];

/** "… name" columns that name a place or an organisation, not a person. */
const NOT_A_PERSON = /(facility|office|unit|country|court|file|program|programme|agency|school|company|organi[sz]ation|org|city|state|county|district|site|location|center|centre|department|dept|product|event|case|housing|building|region|division)name$/;

interface ValueRule {
  test: (text: string) => boolean;
  what: string;
}

const VALUE_RULES: ValueRule[] = [
  { test: (t) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t), what: 'e-mail addresses' },
  { test: (t) => /^\d{3}-\d{2}-\d{4}$/.test(t), what: 'Social Security numbers (###-##-####)' },
  { test: (t) => /^A-?\d{8,9}$/i.test(t), what: 'A-Numbers (A followed by 8 or 9 digits)' },
  { test: (t) => /^(\+?1[\s.-]?)?(\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}$/.test(t), what: 'telephone numbers' },
];

/** Why a column is personal data, or undefined when it does not look personal. */
export function personalDataReason(header: string, values: readonly string[]): string | undefined {
  // Accents go first, so "Número A" reads "numeroa", not "nmeroa".
  const compact = header.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9#]/g, '');
  const byName = NOT_A_PERSON.test(compact) ? undefined : NAME_RULES.find((rule) => rule.pattern.test(compact));
  if (byName) return `the column name "${header}" looks like ${byName.what}`;
  if (values.length === 0) return undefined;
  for (const rule of VALUE_RULES) {
    const matching = values.filter(rule.test).length;
    // Most, not all: exports carry the odd placeholder ("n/a") in an otherwise personal column.
    if (matching >= Math.max(1, Math.ceil(values.length * 0.8))) {
      return `${matching} of ${values.length} values in "${header}" look like ${rule.what}`;
    }
  }
  return undefined;
}
