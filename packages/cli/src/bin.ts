#!/usr/bin/env node
import { ignoreClosedOutput } from './closed-output.js';
import { main } from './main.js';

ignoreClosedOutput();
process.exitCode = await main(process.argv.slice(2));
