// The counter reads a pickup code with the camera. Headless Chromium on Linux
// has no BarcodeDetector, so the test gives it one that "sees" a chosen code
// once real frames arrive; everything else is real: Chromium's fake camera
// behind getUserMedia, the video the app plays, the app handing the frames to
// the detector, filling the code and closing the camera.
import { expect, test } from "@playwright/test";
import { chromiumArgs, executablePath } from "./playwright.config";
import { CanteenScreen } from "./pages/canteen-page";
import { CommunityDevice } from "./pages/community-page";
import { demoInviteCode } from "./support/demo";

test.use({
  launchOptions: {
    executablePath,
    // A synthetic camera, and the permission prompt answered yes.
    args: [...chromiumArgs, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  },
  permissions: ["camera"],
});

// Six digits, as every pickup code: no order of this meal has it.
const CODE_IN_VIEW = "000001";

test("the counter scans a pickup code with the camera, then closes the camera", async ({ page }) => {
  await page.addInitScript((codeInView) => {
    const streams: MediaStream[] = [];
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams = streams;
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      streams.push(stream);
      return stream;
    };
    class FakeBarcodeDetector {
      constructor(readonly options: { formats?: string[] }) {}
      async detect(source: unknown) {
        // Like the real one: nothing until the video shows a frame.
        const video = source as HTMLVideoElement;
        if (!(video instanceof HTMLVideoElement) || video.readyState < 2 || video.videoWidth === 0) return [];
        if (!this.options.formats?.includes("qr_code")) return [];
        return [{ rawValue: codeInView, format: "qr_code" }];
      }
    }
    (window as unknown as { BarcodeDetector: unknown }).BarcodeDetector = FakeBarcodeDetector;
  }, CODE_IN_VIEW);

  const staff = new CommunityDevice(page);
  await staff.join(demoInviteCode("jinyu-wenyuan", "admin"));
  const canteen = new CanteenScreen(page);
  await canteen.open();
  const form = canteen.kitchen.getByTestId("check-in");

  await form.getByTestId("scan").click();
  await expect(form.getByRole("textbox")).toHaveValue(CODE_IN_VIEW);
  await expect(canteen.kitchen.locator(".scanner video")).toHaveCount(0);
  const tracksLeftOn = await page.evaluate(() =>
    (window as unknown as { cameraStreams: MediaStream[] }).cameraStreams
      .flatMap((stream) => stream.getTracks())
      .filter((track) => track.readyState !== "ended").length,
  );
  expect(tracksLeftOn).toBe(0);

  // The scanned code goes to the check-in like a typed one: nobody has it.
  await form.getByRole("button", { name: "登记取餐" }).click();
  await expect(canteen.kitchen.getByRole("alert").filter({ hasText: "这个取餐码在这一餐没有待取的订单。" })).toBeVisible();
});
