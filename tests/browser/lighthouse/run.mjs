// Lighthouse's accessibility audit of several pages in one Chromium (tests/browser/test_lighthouse.py).
// One Node.js process and one browser for every page: the command line starts both for each
// page, which cost as much as the audit itself.
//
//     node run.mjs <chromium> <flags as a JSON list> <url> <report.json> [<url> <report.json> ...]
//
// Each report is Lighthouse's JSON report, or {"runtimeError": {"message": ...}} where the
// audit of that page failed; the other pages are audited all the same.
import fs from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [chromePath, flags, ...pages] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({chromePath, chromeFlags: JSON.parse(flags)});
try {
  for (let i = 0; i < pages.length; i += 2) {
    let report;
    try {
      const result = await lighthouse(pages[i], {port: chrome.port, output: 'json', logLevel: 'error',
                                                 onlyCategories: ['accessibility']});
      report = result.report;
    } catch (error) {
      report = JSON.stringify({runtimeError: {message: String(error && error.stack || error)}});
    }
    fs.writeFileSync(pages[i + 1], report);
  }
} finally {
  await chrome.kill();
}
