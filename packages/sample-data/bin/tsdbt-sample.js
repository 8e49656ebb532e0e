#!/usr/bin/env node
// Committed so npm can link the bin before `prepare` has built dist/.
import '../dist/bin.js';
