#!/usr/bin/env node
require("../dist/cli/smtp-auth.js");
