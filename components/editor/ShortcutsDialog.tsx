'use client';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/Dialog';

/** Every shortcut the canvas understands, in one place (the help panel reads this list). */
export const EDITOR_SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['Ctrl', 'Z'], action: 'Undo' },
  { keys: ['Ctrl', 'Shift', 'Z'], action: 'Redo (also Ctrl+Y)' },
  { keys: ['Ctrl', 'C'], action: 'Copy the selected nodes (paste them here or in another bot)' },
  { keys: ['Ctrl', 'V'], action: 'Paste copied nodes' },
  { keys: ['Ctrl', 'D'], action: 'Duplicate the selected nodes' },
  { keys: ['Ctrl', 'A'], action: 'Select every node' },
  { keys: ['Delete'], action: 'Delete the selected nodes or edge (also Backspace)' },
  { keys: ['Ctrl', 'Click'], action: 'Add a node to the selection' },
  { keys: ['Shift', 'Drag'], action: 'Select the nodes inside a box' },
  { keys: ['Tab'], action: 'Move between nodes; Enter selects, arrow keys move the selected node' },
  { keys: ['Escape'], action: 'Clear the selection' },
  { keys: ['?'], action: 'Show this list' },
];

export function ShortcutsDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>They work on the canvas, outside text fields. On a Mac, use ⌘ for Ctrl.</DialogDescription>
        </DialogHeader>
        <table className="w-full text-sm">
          <caption className="sr-only">Keyboard shortcuts of the editor</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {EDITOR_SHORTCUTS.map(({ keys, action }) => (
              <tr key={action} className="border-b last:border-0">
                <td className="whitespace-nowrap py-1.5 pr-4">
                  {keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && <span className="px-0.5 text-muted-foreground">+</span>}
                      <kbd className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
                    </span>
                  ))}
                </td>
                <td className="py-1.5 text-muted-foreground">{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </DialogContent>
    </Dialog>
  );
}
