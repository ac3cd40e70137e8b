// The first load carries the shell only: each module's screens are a wasm
// module of their own (scripts/split-wasm.sh), fetched when the module is
// first opened (and precached by the service worker, which offline.spec.ts
// covers; it is blocked here so only the page's own fetches are seen).
import { expect, test } from "@playwright/test";
import { AppShell } from "./pages/app-shell";

test.use({ serviceWorkers: "block" });

test("a module's screens are fetched when the module is first opened, once", async ({ page }) => {
  const fetchedModules: string[] = [];
  page.on("request", (request) => {
    const module = /\/split___(\w+?)_route_view_/.exec(new URL(request.url()).pathname);
    if (module) fetchedModules.push(module[1]);
  });
  const shell = new AppShell(page);

  await shell.open("home");
  expect(fetchedModules).toEqual([]);

  await shell.navigateTo("rules");
  expect(fetchedModules).toEqual(["rules"]);
  await shell.navigateTo("canteen");
  await shell.navigateTo("rules");
  expect(fetchedModules).toEqual(["rules", "canteen"]);
});
