export * from './scope';
export * from './hybrid';
export * from './certificate';
export * from './seal';
