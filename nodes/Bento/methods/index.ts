import * as library from './library';
import { searchFields, searchTags } from './listSearch';

// Resource locator searches, by the name a property's `searchListMethod` gives.
export const listSearch = { searchTags, searchFields, ...library.listSearch };
