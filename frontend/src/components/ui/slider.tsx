import { Slider as SliderPrimitive } from 'radix-ui';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

type SliderProps = ComponentProps<typeof SliderPrimitive.Root> & {
  /** The accessible name of each thumb (the thumb, not the root, has role="slider"). */
  thumbLabel: string;
  /** What a screen reader says for a value ("50 percent"), when the number alone is not enough. */
  valueText?: (value: number) => string;
};

/**
 * A range input on Radix: arrow keys step, Page Up/Down jump by ten steps, Home/End go to the
 * ends. One thumb per value.
 */
function Slider({
  className,
  thumbLabel,
  valueText,
  min = 0,
  max = 100,
  value,
  defaultValue,
  ...props
}: SliderProps) {
  const values = value ?? defaultValue ?? [min];
  return (
    <SliderPrimitive.Root
      data-slot="slider"
      min={min}
      max={max}
      value={value}
      defaultValue={defaultValue}
      className={cn(
        'relative flex w-full touch-none items-center py-2 select-none data-[disabled]:opacity-50',
        className,
      )}
      {...props}
    >
      <SliderPrimitive.Track
        data-slot="slider-track"
        className="relative h-1.5 w-full grow overflow-hidden rounded-full bg-muted"
      >
        <SliderPrimitive.Range data-slot="slider-range" className="absolute h-full bg-primary" />
      </SliderPrimitive.Track>
      {values.map((v, index) => (
        <SliderPrimitive.Thumb
          // Thumbs are positional: there is no better key than the index.
          key={index}
          data-slot="slider-thumb"
          aria-label={thumbLabel}
          aria-valuetext={valueText?.(v)}
          className="block size-5 shrink-0 rounded-full border-2 border-primary bg-background shadow-sm transition-[color,box-shadow] hover:ring-4 hover:ring-ring/20 disabled:pointer-events-none"
        />
      ))}
    </SliderPrimitive.Root>
  );
}

export { Slider, type SliderProps };
