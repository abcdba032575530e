/**
 * The provisions of DSO-LV's basic level (seed §4.2, listed in DOMAIN.md, Process 1). A run may name
 * another provision; these are the ones operators will start first, with the names they know.
 */
export const basicLevelProvisions: Readonly<Record<string, string>> = {
  loket: 'Loket (incl. viewer, beveiliging en autorisatie)',
  orienteren: 'Oriënteren',
  'aanvragen-en-meldingen': 'Aanvragen en meldingen (via toepasbare regels)',
  stelselcatalogus: 'Stelselcatalogus',
  'api-store': 'API-store',
  stelselknooppunt: 'Stelselknooppunt',
  'ontwikkel-en-beheerportaal': 'Ontwikkel- en beheerportaal',
  tpod: 'Standaard TPOD',
  stam: 'Standaard STAM',
  sttr: 'Standaard STTR',
  aansluitvoorwaarden: 'Aansluitvoorwaarden',
};
