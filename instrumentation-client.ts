import { z } from "zod";

// Runs in the browser before the app's own modules. Zod 4 probes `new Function` to compile fast object
// parsers; under the CSP (no 'unsafe-eval', proxy.ts) that probe is a reported violation on every page
// with a client-side schema. Parsing without the compiled fast path is plenty for our few small forms.
z.config({ jitless: true });
