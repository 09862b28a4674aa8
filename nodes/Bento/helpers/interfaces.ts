export type MappingMode = 'defineBelow' | 'autoMapInputData';

export type RejectedEventsHandling = 'warn' | 'error';
