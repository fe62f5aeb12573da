/* Before the directory's first paint (a paged directory opened with a filter in its
 * address): the list waits unseen until site.js has every entry, so that nothing moves. */
if (/[?&](suche|kommune|art|feld|sprache)=[^&]/.test(window.location.search)) {
  document.documentElement.classList.add("laedt");
}
