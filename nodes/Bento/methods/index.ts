import * as library from './library';
import { searchFields, searchTagIds, searchTags } from './listSearch';

// Resource locator searches, by the name a property's `searchListMethod` gives.
export const listSearch = { searchTags, searchTagIds, searchFields, ...library.listSearch };
