// Pickers for sequences, segments, email templates and reports.
export const listSearch = {};
