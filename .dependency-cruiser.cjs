/**
 * Import rules for src/, scripts/ and test/, checked by test/architecture.test.ts:
 * - no import circle between files of src/ (type-only imports count: a circle of types is still a
 *   circle to read and to move);
 * - no circle between the top-level folders of src/ (the test cruises again with every file
 *   collapsed to its src/<folder>, so this same rule catches folder circles);
 * - every package imported is declared in package.json, and every import resolves.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files (or, collapsed, top-level folders) of src/ that import each other in a circle. Move the shared part into a module that imports neither.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'A package that is not declared in package.json: it works only by accident (installed for another package). Declare it, or do not use it.',
      from: { path: '^(src|scripts|test)/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to no file or package.',
      from: { path: '^(src|scripts|test)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
