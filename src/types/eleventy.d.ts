// The parts of Eleventy's programmatic API the build uses (Eleventy ships no type declarations).
declare module '@11ty/eleventy' {
  interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    pathPrefix?: string;
    runMode?: 'build' | 'watch' | 'serve';
    config?: (eleventyConfig: { addGlobalData(name: string, value: unknown): void }) => void | Promise<void>;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
    /** Stops Eleventy printing anything itself (its errors are still thrown). */
    disableLogger(): void;
  }
}
