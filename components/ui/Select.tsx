'use client';
import { Check, ChevronDown } from 'lucide-react';
import { Select as Primitive } from 'radix-ui';
import * as React from 'react';
import { cn } from './cn';

export interface SelectOption {
  value: string;
  label: string;
  description?: string;
}

/** A labelled select built on Radix: `aria-label` or a <Label htmlFor={id}> gives it its name. */
export function Select({
  id,
  value,
  onValueChange,
  options,
  disabled,
  className,
  ...aria
}: {
  id?: string;
  value: string;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
}) {
  return (
    <Primitive.Root value={value} onValueChange={onValueChange} disabled={disabled}>
      <Primitive.Trigger
        id={id}
        className={cn(
          'flex h-9 w-full items-center justify-between gap-2 rounded-md border border-input bg-background px-3 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-ring disabled:opacity-50',
          className,
        )}
        {...aria}
      >
        <Primitive.Value />
        <Primitive.Icon>
          <ChevronDown className="size-4 opacity-50" />
        </Primitive.Icon>
      </Primitive.Trigger>
      <Primitive.Portal>
        <Primitive.Content position="popper" sideOffset={4} className="z-50 min-w-32 overflow-hidden rounded-md border bg-popover shadow-md">
          <Primitive.Viewport className="p-1">
            {options.map((option) => (
              <Primitive.Item
                key={option.value}
                value={option.value}
                className="relative flex cursor-default select-none flex-col rounded-sm py-1.5 pl-7 pr-2 text-sm outline-none focus:bg-accent"
              >
                <Primitive.ItemIndicator className="absolute left-2 top-2">
                  <Check className="size-3.5" />
                </Primitive.ItemIndicator>
                <Primitive.ItemText>{option.label}</Primitive.ItemText>
                {option.description && <span className="text-xs text-muted-foreground">{option.description}</span>}
              </Primitive.Item>
            ))}
          </Primitive.Viewport>
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
