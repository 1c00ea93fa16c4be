import { describe, expect, it } from "@jest/globals";
import { withdrawCarriedItems } from "../../src/core/withdraw-carried-items.js";

const SKIPPED = `## Proposed Agenda

- [ ] Decide on the 2.0 date (@alice, from #3) <!-- meeting-bot:comment=7 index=0 -->
- [x] Already discussed

### Action Items

- [ ] Write the release notes <!-- meeting-bot:carried=1 in=2020-09-18T20:30:00Z -->
`;

const LATER = `## Proposed Agenda

- [ ] Decide on the 2.0 date (@alice, from #3) <!-- meeting-bot:comment=7 index=0 -->
- [ ] Roadmap (@bob, from #3) <!-- meeting-bot:comment=9 index=0 -->

### Action Items

> **Carried 2 meetings or more**: do it, drop it, or open an issue for it.
> - Write the release notes (2×)

- [ ] Write the release notes _(carried 2×)_ <!-- meeting-bot:carried=2 in=2020-09-25T20:30:00Z -->
- [ ] Ask the infra team about CI
`;

describe("taking back the items a skipped meeting handed on", () => {
  it("removes the items the skipped meeting's issue still holds, and the list of items carried too long; keeps what was added since", () => {
    expect(withdrawCarriedItems(LATER, SKIPPED, "Proposed Agenda", ["Action Items", "Open Discussion"])).toBe(`## Proposed Agenda

- [ ] Roadmap (@bob, from #3) <!-- meeting-bot:comment=9 index=0 -->

### Action Items

- [ ] Ask the infra team about CI
`);
  });

  it("changes nothing when run again, or when the skipped issue holds nothing", () => {
    const once = withdrawCarriedItems(LATER, SKIPPED, "Proposed Agenda", ["Action Items"]);
    expect(withdrawCarriedItems(once, SKIPPED, "Proposed Agenda", ["Action Items"])).toBe(once);
    const plain = LATER.replace(/> .*\n/g, "");
    expect(withdrawCarriedItems(plain, "## Proposed Agenda\n", "Proposed Agenda", ["Action Items"])).toBe(plain);
  });
});
