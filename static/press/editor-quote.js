// A quotation with its speaker, for the body editor (django-prose-editor, Tiptap).
//
//   <figure class="quote"><blockquote><p>…</p></blockquote>
//   <figcaption>aldus burgemeester Van Aartsen.</figcaption></figure>
//
// The quotation holds paragraphs only, so typing "- " in it stays text; the speaker
// is a field of its own below it. Loaded by django-prose-editor as an extension
// module (settings.DJANGO_PROSE_EDITOR_EXTENSIONS, press/editor.py); the sanitizer
// allows exactly this markup.
import { Node } from "django-prose-editor/editor"

const dutch = (document.documentElement.lang || "nl").startsWith("nl")
const LABELS = dutch
  ? { button: "Citaat met spreker", speaker: "Spreker" }
  : { button: "Quotation with speaker", speaker: "Speaker" }

export const QuoteText = Node.create({
  name: "quoteText",
  content: "paragraph+",
  defining: true,
  // Inside a quote block; a bare <blockquote> (an older body) becomes a quote block
  // with an empty speaker: ProseMirror wraps it in the one node that may hold it.
  parseHTML: () => [{ tag: "blockquote" }],
  renderHTML: () => ["blockquote", 0],
})

export const QuoteSpeaker = Node.create({
  name: "quoteSpeaker",
  content: "text*",
  marks: "",
  defining: true,
  parseHTML: () => [{ tag: "figure.quote > figcaption" }],
  renderHTML: () => ["figcaption", { "data-label": LABELS.speaker }, 0],
  addKeyboardShortcuts() {
    return {
      // Enter in the speaker field leaves the quote block: a new paragraph below it.
      Enter: ({ editor }) => {
        const { $from } = editor.state.selection
        if ($from.parent.type.name !== this.name) return false
        const after = $from.after($from.depth - 1)
        return editor
          .chain()
          .insertContentAt(after, { type: "paragraph" })
          .setTextSelection(after + 1)
          .run()
      },
    }
  },
})

export const Quote = Node.create({
  name: "quote",
  group: "block",
  content: "quoteText quoteSpeaker",
  defining: true,
  isolating: true,
  addExtensions() {
    return [QuoteText, QuoteSpeaker]
  },
  parseHTML: () => [{ tag: "figure.quote" }],
  renderHTML: () => ["figure", { class: "quote" }, 0],
  addCommands() {
    return {
      // The paragraph the cursor is in becomes the quotation (an empty one at an
      // empty line), with an empty speaker field below it; the cursor stays at the
      // end of the quotation.
      insertQuote:
        () =>
        ({ state, tr, dispatch }) => {
          const { $from } = state.selection
          const block = $from.node(1)
          if (!block || block.type.name !== "paragraph") return false
          if (dispatch) {
            const schema = state.schema
            const quote = schema.nodes.quote.create(null, [
              schema.nodes.quoteText.create(null, block),
              schema.nodes.quoteSpeaker.create(),
            ])
            const start = $from.before(1)
            tr.replaceWith(start, $from.after(1), quote)
            // The cursor at the end of the quotation: the editor keeps writing it.
            const end = start + 2 + block.nodeSize - 1
            tr.setSelection(state.selection.constructor.near(tr.doc.resolve(end)))
          }
          return true
        },
    }
  },
  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "quote",
      groups: "nodes",
      button: buttons.material("format_quote", LABELS.button),
      command(editor) {
        editor.chain().focus().insertQuote().run()
      },
      active: (editor) => editor.isActive("quote"),
      enabled: (editor) => editor.can().insertQuote(),
    })
  },
})
