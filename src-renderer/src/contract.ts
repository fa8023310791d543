// The renderer's one door to the shared contract: types, zod schemas and AppError only.
// Everything else in src-renderer imports from here, so the relative path lives in one place.
export * from '../../src-main/contract/index.js';
