// The records chosen in a Wagtail chooser modal (multiple mode) become options of the widget's hidden
// <select multiple>; each listed record's button removes it again.
(function () {
  'use strict';

  function select(root) {
    return root.querySelector('select');
  }

  function changed(root) {
    select(root).dispatchEvent(new Event('change', { bubbles: true }));
  }

  function add(root, item) {
    const id = String(item.id);
    if (Array.from(select(root).options).some((option) => option.value === id)) return;
    select(root).add(new Option(item.title, id, true, true));
    const entry = document.createElement('li');
    entry.dataset.value = id;
    const label = document.createElement('span');
    label.textContent = item.title;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'button button-small button-secondary';
    remove.dataset.remove = '';
    remove.textContent = 'برداشتن';
    entry.append(label, ' ', remove);
    root.querySelector('[data-chosen]').append(entry);
  }

  function open(root) {
    const url = new URL(root.dataset.chooserUrl, window.location.href);
    url.searchParams.set('multiple', '1');
    window.ModalWorkflow({
      url: url.toString(),
      onload: new window.ChooserModalOnloadHandlerFactory().getOnLoadHandlers(),
      responses: {
        chosen(result) {
          (Array.isArray(result) ? result : [result]).forEach((item) => add(root, item));
          changed(root);
        },
      },
    });
  }

  document.addEventListener('click', (event) => {
    const root = event.target.closest('[data-record-multiple-chooser]');
    if (!root) return;
    const remove = event.target.closest('[data-remove]');
    if (remove) {
      const entry = remove.closest('li');
      Array.from(select(root).options)
        .filter((option) => option.value === entry.dataset.value)
        .forEach((option) => option.remove());
      entry.remove();
      changed(root);
    } else if (event.target.closest('[data-add]')) {
      open(root);
    }
  });
})();
