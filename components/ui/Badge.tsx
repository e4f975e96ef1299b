import * as React from 'react';
import { cn } from './cn';

export function Badge({ className, variant = 'default', ...props }: React.HTMLAttributes<HTMLSpanElement> & { variant?: 'default' | 'muted' | 'success' }) {
  const styles = {
    default: 'bg-primary/10 text-primary',
    muted: 'bg-muted text-muted-foreground',
    success: 'bg-emerald-100 text-emerald-800',
  }[variant];
  return <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium', styles, className)} {...props} />;
}
