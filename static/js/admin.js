/* The admin in the editor's language, and usable without a mouse or a screen.
 *
 * django-prose-editor passes its dialogs through gettext (the admin's JavaScript
 * catalogue, which includes this project's locale/…/djangojs.po), but names its
 * toolbar buttons in English without it: they are translated here. The same pass
 * gives the controls that third-party scripts create without a name one (the body
 * editor's text box, modeltranslation's language switch) and makes jQuery UI's
 * language tabs one focusable element each (axe: nested-interactive).
 *
 * The editor greys out a toolbar button that can do nothing where the cursor is
 * (undo with nothing to undo, a link without a selection) with a class alone: to a
 * screen reader it would be an ordinary button, and to axe-core ordinary text with
 * too little contrast whenever the icon font has not loaded yet (the button's text
 * is then the icon's name, "undo", not a glyph axe recognises as an icon). Such a
 * button is marked aria-disabled here, as soon as the editor changes its class, so
 * it is announced as unavailable and, as an inactive control, owes no contrast
 * (WCAG 1.4.3); it stays focusable, as toolbar buttons should.
 */
(function () {
  "use strict";
  const gettext = window.gettext || ((text) => text);
  const interpolate = window.interpolate || ((fmt, args) => fmt.replace("%s", args[0]));
  const gettext_noop = (text) => text;

  // django-prose-editor's button titles (its editor.js), as it writes them.
  const BUTTON_TITLES = {
    bold: gettext_noop("bold"),
    italic: gettext_noop("italic"),
    underline: gettext_noop("underline"),
    strike: gettext_noop("strike"),
    subscript: gettext_noop("subscript"),
    superscript: gettext_noop("superscript"),
    "unordered list": gettext_noop("unordered list"),
    "ordered list": gettext_noop("ordered list"),
    blockquote: gettext_noop("blockquote"),
    "horizontal rule": gettext_noop("horizontal rule"),
    "insert link": gettext_noop("insert link"),
    "remove link": gettext_noop("remove link"),
    undo: gettext_noop("undo"),
    redo: gettext_noop("redo"),
    paragraph: gettext_noop("paragraph"),
    figure: gettext_noop("figure"),
    "edit HTML": gettext_noop("edit HTML"),
    "Insert table": gettext_noop("Insert table"),
    Code: gettext_noop("Code"),
    "Code block": gettext_noop("Code block"),
    quote: gettext_noop("quote"),
    "Toggle fullscreen": gettext_noop("Toggle fullscreen"),
  };

  function translateTitle(title) {
    const heading = /^heading (\d)$/.exec(title);
    if (heading) return interpolate(gettext("heading %s"), [heading[1]]);
    return BUTTON_TITLES[title] ? gettext(BUTTON_TITLES[title]) : title;
  }

  // The block type menu's options (its picker), also English without gettext.
  function translateOption(text) {
    const heading = /^Heading (\d)$/.exec(text);
    if (heading) return interpolate(gettext("Heading %s"), [heading[1]]);
    return text === "Paragraph" ? gettext("Paragraph") : text;
  }

  function labelFor(element) {
    const label = element.id && document.querySelector(`label[for="${element.id}"]`);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function markDisabled(button) {
    if (button.classList.contains("disabled")) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }

  function fixEditors(root) {
    root.querySelectorAll(".prose-menubar__button").forEach(markDisabled);
    root.querySelectorAll(".prose-menubar__button[title]").forEach((button) => {
      const original = button.dataset.originalTitle || button.getAttribute("title");
      button.dataset.originalTitle = original;
      const title = translateTitle(original);
      button.setAttribute("title", title);
      button.setAttribute("aria-label", title);
    });
    root.querySelectorAll(".prose-menubar__option > *").forEach((option) => {
      const original = option.dataset.originalText || option.textContent;
      option.dataset.originalText = original;
      const text = translateOption(original);
      if (option.textContent !== text) option.textContent = text;
    });
    root.querySelectorAll(".prose-editor").forEach((editor) => {
      const field = editor.querySelector("textarea");
      const box = editor.querySelector('[contenteditable="true"]');
      if (field && box && !box.hasAttribute("aria-label")) {
        box.setAttribute("aria-label", labelFor(field));
        box.setAttribute("aria-multiline", "true");
      }
    });
  }

  function fixLanguageSwitch(root) {
    const select = root.querySelector("#modeltranslation-main-switch");
    if (select && !select.hasAttribute("aria-label")) {
      select.setAttribute("aria-label", gettext("Language of the fields"));
    }
  }

  function fixTabs(root) {
    // jQuery UI makes the <li> the tab (role=tab, focusable, arrow keys) and keeps a
    // link inside it: two nested interactive elements for keyboards and screen
    // readers. The link loses its href attribute (so it is no longer a link); jQuery
    // UI still reads the address from its properties to know the panel is local.
    root.querySelectorAll(".ui-tabs-nav li[role=tab] > a[href]").forEach((link) => {
      const { href, hash } = link;
      link.removeAttribute("href");
      link.removeAttribute("tabindex");
      Object.defineProperty(link, "href", { get: () => href });
      Object.defineProperty(link, "hash", { get: () => hash });
    });
  }

  function fixIcons(root) {
    // Django's selector puts aria-label on a bare <span> (a search icon with a
    // tooltip); a label needs a role to belong to: it is an image.
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }

  // Django's autocomplete fields (select2): the combobox select2 draws is named by
  // the text of the current choice alone, so an empty one has no name (axe:
  // aria-input-field-name), and its search box has none at all (axe: label). The
  // combobox is named by the field's label (or, in an inline row, the select's own
  // aria-label) followed by the current choice; the choice's own text box by the
  // label.
  function fixAutocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete[id]").forEach((select) => {
      const combobox = select.parentElement.querySelector(
        `.select2-selection[aria-labelledby="select2-${select.id}-container"]`,
      );
      if (!combobox) return;
      let source = select;
      const label = document.querySelector(`label[for="${select.id}"]`);
      if (label) {
        label.id = label.id || `${select.id}-label`;
        source = label;
      }
      combobox.setAttribute("aria-labelledby", `${source.id} select2-${select.id}-container`);
      // The current choice inside it reads as a read-only text box: named by the label.
      const rendered = document.getElementById(`select2-${select.id}-container`);
      if (rendered) rendered.setAttribute("aria-labelledby", source.id);
    });
    root.querySelectorAll(".select2-search__field:not([aria-label])").forEach((field) => {
      field.setAttribute("aria-label", gettext("Search"));
    });
  }

  function fixAll() {
    fixIcons(document);
    fixEditors(document);
    fixLanguageSwitch(document);
    fixTabs(document);
    fixAutocompletes(document);
  }

  let pending = false;
  const observer = new MutationObserver((records) => {
    let added = false;
    for (const record of records) {
      if (record.type === "attributes") {
        // Before anything else runs (no frame later): a toolbar button's class.
        if (record.target.classList.contains("prose-menubar__button")) {
          markDisabled(record.target);
        }
      } else {
        added = true;
        record.addedNodes.forEach((node) => {
          if (node.nodeType !== Node.ELEMENT_NODE) return;
          if (node.matches(".prose-menubar__button")) markDisabled(node);
          node.querySelectorAll(".prose-menubar__button").forEach(markDisabled);
        });
      }
    }
    if (!added || pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      fixAll();
    });
  });

  function start() {
    fixAll();
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["class"],
    });
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();

/* Django's admin scripts ask for these; its Dutch catalogue lacks them or says "u".
 * Listed so that `make messages` keeps their Dutch in locale/nl/…/djangojs.po. */
// eslint-disable-next-line no-unused-vars
const DJANGO_ADMIN_SCRIPT_STRINGS = ((gettext_noop) => [
  gettext_noop('Choose %s by selecting them and then select the "Choose" arrow button.'),
  gettext_noop('Remove %s by selecting them and then select the "Remove" arrow button.'),
  gettext_noop("Choose all %s"),
  gettext_noop("Choose selected %s"),
  gettext_noop("Remove selected %s"),
  gettext_noop("Remove all %s"),
  gettext_noop("(click to clear)"),
  gettext_noop("Search"),
  gettext_noop(
    "You have unsaved changes on individual editable fields. If you run an action, your unsaved changes will be lost.",
  ),
  gettext_noop(
    "You have selected an action, but you haven’t saved your changes to individual fields yet. Please click OK to save. You’ll need to re-run the action.",
  ),
  gettext_noop(
    "You have selected an action, and you haven’t made any changes on individual fields. You’re probably looking for the Go button rather than the Save button.",
  ),
])((text) => text);

/* django-prose-editor's dialogs ask window.gettext for these (its editor.js). */
// eslint-disable-next-line no-unused-vars
const PROSE_EDITOR_STRINGS = ((gettext_noop) => [
  gettext_noop("Add caption"),
  gettext_noop("Alternative Text"),
  gettext_noop("Browse..."),
  gettext_noop("Bullets"),
  gettext_noop("Cancel"),
  gettext_noop("Caption"),
  gettext_noop("Columns"),
  gettext_noop("Decimal numbers"),
  gettext_noop("Edit Figure"),
  gettext_noop("Edit HTML"),
  gettext_noop("Edit Image"),
  gettext_noop("Edit Link"),
  gettext_noop("Image URL"),
  gettext_noop("Include header row"),
  gettext_noop("Insert Figure"),
  gettext_noop("Insert Table"),
  gettext_noop("Insert"),
  gettext_noop("List properties"),
  gettext_noop("List type"),
  gettext_noop("Lowercase Roman numerals"),
  gettext_noop("Lowercase letters"),
  gettext_noop("Open in new window"),
  gettext_noop("Prettify"),
  gettext_noop("Remove caption"),
  gettext_noop("Rows"),
  gettext_noop("Start at"),
  gettext_noop("Table Properties"),
  gettext_noop("Title"),
  gettext_noop("URL"),
  gettext_noop("Update"),
  gettext_noop("Uppercase Roman numerals"),
  gettext_noop("Uppercase letters"),
])((text) => text);
