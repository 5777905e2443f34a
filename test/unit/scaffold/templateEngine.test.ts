import assert from "node:assert/strict";
import { test } from "node:test";
import { TemplateError, renderTemplate } from "../../../scaffold/src/index";

test("placeholders are replaced", () => {
  assert.equal(
    renderTemplate('x = "{{name}}"\ny = {{ count }}', { name: "a", count: "2" }),
    'x = "a"\ny = 2',
  );
});

test("conditional blocks, negation, else and nesting", () => {
  const template = "a\n{{#if one}}\nb\n{{#if !two}}\nc\n{{else}}\nd\n{{/if}}\n{{else}}\ne\n{{/if}}\nf";
  assert.equal(renderTemplate(template, { one: true, two: false }), "a\nb\nc\nf");
  assert.equal(renderTemplate(template, { one: "yes", two: "yes" }), "a\nb\nd\nf");
  assert.equal(renderTemplate(template, { one: "", two: true }), "a\ne\nf");
});

test("a line holding only an empty placeholder disappears", () => {
  assert.equal(renderTemplate("a\n    {{block}}\nb", { block: "" }), "a\nb");
  assert.equal(renderTemplate("a\n{{block}}\nb", { block: "x\ny" }), "a\nx\ny\nb");
});

test("mistakes in templates throw instead of leaking into generated files", () => {
  assert.throws(
    () => renderTemplate("{{missing}}", {}, "t.tpl"),
    new TemplateError("t.tpl:1: no value for {{missing}}"),
  );
  assert.throws(() => renderTemplate("{{#if a}}\nx", { a: true }, "t.tpl"), /never closed/);
  assert.throws(() => renderTemplate("{{/if}}", {}, "t.tpl"), /without/);
  assert.throws(() => renderTemplate("{{else}}", {}, "t.tpl"), /outside/);
  assert.throws(() => renderTemplate("x {{flag}} y", { flag: true }, "t.tpl"), /is a condition/);
});
