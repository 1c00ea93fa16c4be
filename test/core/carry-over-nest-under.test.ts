import { describe, expect, it } from "@jest/globals";
import { carryOver } from "../../src/core/carry-over.js";

/*
 * Items nested under an item the new section already has (`Priya:` from the template) join that
 * item's list in its own shape: its bullet, its indentation, its line endings, after its last
 * line. Mutation testing found these details checked only by the golden files.
 */
const PRIYA = "## Action Items\n- Priya:\n  - [ ] send notes\n";

const cases: Array<[string, string, string, string]> = [
  ["the list's own bullet and indentation", PRIYA, "## Action Items\n\n* Priya:\n  * [ ] from the template\n", "## Action Items\n\n* Priya:\n  * [ ] from the template\n  * [ ] send notes\n"],
  ["an ordered list gets a bullet item after it (never a number that could clash)", PRIYA, "## Action Items\n\n- Priya:\n  1. [ ] from the template\n", "## Action Items\n\n- Priya:\n  1. [ ] from the template\n  - [ ] send notes\n"],
  [
    "CRLF throughout, blank lines inside a carried item kept blank",
    "## Action Items\r\n- Priya:\r\n  - [ ] send notes\r\n  - [ ] two lines\r\n\r\n    more\r\n",
    "## Action Items\r\n\r\n- Priya:\r\n  - [ ] template\r\n\r\n## Notes\r\n",
    "## Action Items\r\n\r\n- Priya:\r\n  - [ ] template\r\n  - [ ] send notes\r\n  - [ ] two lines\r\n\r\n    more\r\n\r\n## Notes\r\n",
  ],
  ["after trailing spaces of the last line", PRIYA, "## Action Items\n\n- Priya:\n  - [ ] template   \n## Notes\n", "## Action Items\n\n- Priya:\n  - [ ] template   \n  - [ ] send notes\n## Notes\n"],
  ["a label whose list holds only an empty bullet: that bullet's shape", PRIYA, "## Action Items\n\nPriya:\n\n+ [ ] \n", "## Action Items\n\nPriya:\n\n+ [ ] \n+ [ ] send notes\n"],
  [
    "a last item with a blank line inside makes the list loose: a blank line before the new item",
    PRIYA,
    "## Action Items\n\n- Priya:\n  - [ ] first\n\n    more of it\n",
    "## Action Items\n\n- Priya:\n  - [ ] first\n\n    more of it\n\n  - [ ] send notes\n",
  ],
  ["an empty bullet alone on its line: its shape", PRIYA, "## Action Items\n\nPriya:\n\n+\n", "## Action Items\n\nPriya:\n\n+\n+ [ ] send notes\n"],
  ["an empty bullet that ends the issue: its shape", PRIYA, "## Action Items\n\nPriya:\n\n+", "## Action Items\n\nPriya:\n\n+\n+ [ ] send notes"],
  ["a lead paragraph with trailing spaces: its new list after them", PRIYA, "## Action Items\n\nPriya:   \n\n## Notes\n", "## Action Items\n\nPriya:   \n- [ ] send notes\n\n## Notes\n"],
  [
    "an ordered list numbered past 9, deeper than the item's text: its column",
    PRIYA,
    "## Action Items\n\n- Priya:\n    1. [ ] one\n    10. [ ] ten\n## Notes\n",
    "## Action Items\n\n- Priya:\n    1. [ ] one\n    10. [ ] ten\n    - [ ] send notes\n## Notes\n",
  ],
  [
    "a last item wrapped without indentation is still a tight list",
    PRIYA,
    "## Action Items\n\n- Priya:\n  - [ ] first\nwrapped\nagain\n## Notes\n",
    "## Action Items\n\n- Priya:\n  - [ ] first\nwrapped\nagain\n  - [ ] send notes\n## Notes\n",
  ],
];

describe("carryOver: items nested under an item the new section has", () => {
  it.each(cases)("%s", (_, previousBody, targetBody, expected) => {
    const result = carryOver({ previousBody, targetBody, sections: ["Action Items"] });
    expect(result.body).toBe(expected);
    expect(result.warnings).toEqual([]);
    // Idempotent: carried again into its own output, nothing changes.
    expect(carryOver({ previousBody, targetBody: result.body, sections: ["Action Items"] }).body).toBe(expected);
  });
});
