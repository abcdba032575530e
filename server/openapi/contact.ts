/** Who answers for this API (/core/doc-openapi-contact); configured per deployment. */
export interface ApiContact {
  name: string;
  url: string;
  email: string;
}

export const DEFAULT_API_CONTACT: ApiContact = {
  name: 'Beheer DSO-LV beheerprocessen',
  url: 'https://dso-lv.example/beheerprocessen',
  email: 'beheer@dso-lv.example',
};
