import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ar, TracyPanel } from "../../src";
import { textDirection } from "../../src/labels/text-direction";
import { Markdown } from "../../src/components/markdown";
import { FakeTransport } from "../helpers/fake-transport";

describe("the panel's writing direction", () => {
  it("is right to left for an Arabic locale, with the Arabic words", () => {
    render(<TracyPanel tenantId="acme" transport={new FakeTransport()} locale="ar-EG" labels={ar} />);
    expect(screen.getByRole("region", { name: ar.panel })).toHaveAttribute("dir", "rtl");
    expect(screen.getByRole("button", { name: ar.send })).toBeInTheDocument();
  });

  it("is left to right by default and for left-to-right locales", () => {
    const { unmount } = render(<TracyPanel tenantId="acme" transport={new FakeTransport()} />);
    expect(screen.getByRole("region")).toHaveAttribute("dir", "ltr");
    unmount();
    render(<TracyPanel tenantId="acme" transport={new FakeTransport()} locale="de-DE" />);
    expect(screen.getByRole("region")).toHaveAttribute("dir", "ltr");
  });

  it("follows the dir prop over the locale", () => {
    const { rerender } = render(<TracyPanel tenantId="acme" transport={new FakeTransport()} locale="ar" dir="ltr" />);
    expect(screen.getByRole("region")).toHaveAttribute("dir", "ltr");
    rerender(<TracyPanel tenantId="acme" transport={new FakeTransport()} locale="en" dir="rtl" />);
    expect(screen.getByRole("region")).toHaveAttribute("dir", "rtl");
    rerender(<TracyPanel tenantId="acme" transport={new FakeTransport()} dir="auto" />);
    expect(screen.getByRole("region")).toHaveAttribute("dir", "auto");
  });

  it("knows right-to-left languages by their primary subtag, whatever the case or separator", () => {
    for (const locale of ["ar", "AR", "ar-SA", "ar_EG", "he-IL", "fa", "ur-PK"])
      expect(textDirection(locale), locale).toBe("rtl");
    for (const locale of [undefined, "", "en", "de-DE", "arn", "ara", "not a locale"])
      expect(textDirection(locale), String(locale)).toBe("ltr");
  });

  it("lets a reply read in the direction of its own text", () => {
    const { container } = render(<Markdown text={"Checkout is slow.\n\nالدفع بطيء."} />);
    expect(container.querySelector(".tracy-md")).toHaveAttribute("dir", "auto");
  });
});
