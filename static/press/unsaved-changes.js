// Warn before leaving a release's form with unsaved changes (beforeunload).
//
// Dirty: anything typed or changed in the form (the body editor writes its textarea
// and fires input/change on it). Saving clears the warning; a preview (a submit
// button with formtarget="_blank") leaves the form open and keeps it.
// A static file, not an inline script: the admin runs under a CSP.
"use strict"
;(function () {
  function watch(form) {
    // A form that came back with an error holds what was typed and is not saved.
    let dirty = document.querySelector(".errornote") !== null
    let leaving = false
    const mark = function () {
      dirty = true
    }
    form.addEventListener("input", mark)
    form.addEventListener("change", mark)
    // The body editor (django-prose-editor) updates its hidden textarea on change.
    document.addEventListener("prose-editor:ready", function (event) {
      const editor = event.detail && event.detail.editor
      if (editor && editor.on) editor.on("update", mark)
    })
    form.addEventListener("submit", function (event) {
      const button = event.submitter
      if (button && (button.formTarget || "") === "_blank") return
      leaving = true
    })
    window.addEventListener("beforeunload", function (event) {
      if (!dirty || leaving) return
      event.preventDefault()
      event.returnValue = "" // older browsers need a value to show the dialog
    })
  }

  function start() {
    const form = document.querySelector("#pressrelease_form")
    if (form) watch(form)
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
