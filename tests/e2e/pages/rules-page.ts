// Page object for the village rules screen: votes and their tallies, paper
// counts, the officer's count, and the charter's versions.
import { expect, type Locator, type Page } from "@playwright/test";

export class RulesScreen {
  readonly votes: Locator;
  readonly charter: Locator;
  readonly proposals: Locator;

  constructor(readonly page: Page) {
    this.votes = page.getByTestId("votes");
    this.charter = page.getByTestId("charter");
    this.proposals = page.getByTestId("proposals");
  }

  async open() {
    await this.page.getByTestId("nav-rules").click();
    await expect(this.votes).toBeVisible();
  }

  vote(id: string): Locator {
    return this.votes.locator(`[data-testid="vote"][data-vote="${id}"]`);
  }

  async castBallot(voteId: string, option: string) {
    const vote = this.vote(voteId);
    await vote.getByRole("radio", { name: option }).check();
    await vote.getByTestId("cast-ballot").click();
    await expect(vote.getByTestId("my-ballot")).toContainText(option);
  }

  /** The count shown for `option`, online and paper together. */
  async total(voteId: string, option: string): Promise<number> {
    const row = this.vote(voteId).locator(`[data-testid="tally-row"][data-option="${option}"]`);
    return Number(await row.getAttribute("data-total"));
  }

  async turnout(voteId: string): Promise<number> {
    return Number(await this.vote(voteId).getByTestId("tally").getAttribute("data-turnout"));
  }

  async enterPaperTally(voteId: string, label: string, counts: number[], voters: string[]) {
    const form = this.vote(voteId).getByTestId("paper-tally");
    await form.locator("summary").click();
    await form.getByTestId("paper-label").fill(label);
    const fields = form.getByTestId("paper-count");
    for (const [index, count] of counts.entries()) await fields.nth(index).fill(String(count));
    for (const voter of voters) await form.locator(`[data-testid="paper-voter"][data-member="${voter}"]`).check();
    await form.getByTestId("save-paper-tally").click();
  }

  async countVote(voteId: string) {
    await this.vote(voteId).getByTestId("count-vote").click();
  }

  proposal(id: string): Locator {
    return this.proposals.locator(`[data-testid="proposal"][data-proposal="${id}"]`);
  }
}
