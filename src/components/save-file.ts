// Hands a file the app made (a CSV export, a backup) to the browser's download, without a server: an object URL
// on a link that is clicked once, revoked a little later (revoking at once can cancel the download in Safari).
export function saveFile(name: string, contents: Blob): void {
  const url = URL.createObjectURL(contents);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
