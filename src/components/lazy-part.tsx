import {
  Component,
  lazy,
  Suspense,
  useState,
  type ComponentType,
  type LazyExoticComponent,
  type ReactNode,
} from "react";

export interface LazyPart<P extends object> {
  (props: P): ReactNode;
  /** Starts loading the part's chunk, e.g. when the pointer reaches the button that shows it. */
  preload: () => Promise<void>;
}

/**
 * A component in a chunk of its own, loaded by `import()` when first rendered; render it inside a
 * `<LazyBoundary>`. Once loaded (or preloaded) it renders at once, with no fallback frame, which bare
 * `React.lazy` does not promise. A failed load is retried by the next mount.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  let Lazy: LazyExoticComponent<ComponentType<P>>;

  const start = (): Promise<ComponentType<P>> =>
    (pending ??= load().then(
      (part) => (loaded = part),
      (error: unknown) => {
        pending = null;
        Lazy = makeLazy(); // React.lazy keeps its rejection for good
        throw error;
      },
    ));
  const makeLazy = () => lazy(async () => ({ default: await start() }));
  Lazy = makeLazy();

  function Part(props: P) {
    // Chosen once per mount: swapping the lazy wrapper for the loaded component would remount it and drop its state.
    const [Loaded] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return <Loaded {...props} />;
  }
  Part.preload = () => start().then(() => undefined);
  return Part;
}

export interface LazyBoundaryProps {
  /** Shown while the part loads: the same content unadorned, or a note in the same place. */
  fallback: ReactNode;
  /** Shown if the chunk cannot be loaded; defaults to the fallback. */
  failed?: ReactNode;
  children: ReactNode;
}

/** Suspense for a lazy part, and a catch for a chunk that fails to load: the rest of the panel stays up. */
export class LazyBoundary extends Component<LazyBoundaryProps, { error: boolean }> {
  override state = { error: false };

  static getDerivedStateFromError() {
    return { error: true };
  }

  override render() {
    const { fallback, failed = fallback, children } = this.props;
    return this.state.error ? failed : <Suspense fallback={fallback}>{children}</Suspense>;
  }
}
