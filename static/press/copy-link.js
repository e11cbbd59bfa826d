'use strict';
// A copy button beside each new share link. Without script the link stays a
// read-only field whose text can be selected and copied by hand.
document.addEventListener('DOMContentLoaded', function() {
    document.querySelectorAll('input.share-url[data-copy-label]').forEach(function(field) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'button copy-link';
        button.textContent = field.dataset.copyLabel;
        button.setAttribute('aria-describedby', field.id);
        const status = document.createElement('span');
        status.setAttribute('role', 'status');
        status.className = 'copy-status';
        button.addEventListener('click', function() {
            field.select();
            const done = function() {
                status.textContent = field.dataset.copiedLabel;
            };
            if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(field.value).then(done, function() {
                    document.execCommand('copy') && done();
                });
            } else if (document.execCommand('copy')) {
                done();
            }
        });
        field.insertAdjacentElement('afterend', status);
        field.insertAdjacentElement('afterend', button);
        field.insertAdjacentText('afterend', ' ');
    });
});
