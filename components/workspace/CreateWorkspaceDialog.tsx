'use client';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/Dialog';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';

export function CreateWorkspaceDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create a workspace</DialogTitle>
          <DialogDescription>A workspace holds bots, members and conversations. You will be its owner.</DialogDescription>
        </DialogHeader>
        <CreateWorkspaceForm onCreated={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}
