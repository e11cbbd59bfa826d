'use strict';
// A release that was never public: its address (slug) follows its title while the
// title is typed, unless the editor changed the address themselves. The server
// does the same on save (PressReleaseForm.follow_titles), so this is only a view.
// Django's admin loads URLify (urlify.js) for the prepopulated slug fields.
window.addEventListener('load', function() {
    if (typeof URLify !== 'function') {
        return;
    }
    document.querySelectorAll('input[data-follows-title]').forEach(function(slug) {
        const title = document.getElementById(slug.dataset.followsTitle);
        if (!title) {
            return;
        }
        const maxLength = Number(slug.getAttribute('maxlength')) || 200;
        if (slug.value && slug.value !== URLify(title.value, maxLength, false)) {
            return;  // an address of the editor's own choosing stays
        }
        let chosen = false;
        slug.addEventListener('input', function() {
            chosen = true;
        });
        title.addEventListener('input', function() {
            if (!chosen) {
                slug.value = URLify(title.value, maxLength, false);
            }
        });
    });
});
